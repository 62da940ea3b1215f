namespace Qlrf.Connectors.Vsphere;

/// <summary>Settings of a <c>vsphere</c> source: the vCenters it reads, and the tag categories that name templates and environments.</summary>
public sealed class VsphereSourceOptions : SourceSettings
{
    /// <summary>The vCenters to read. Required.</summary>
    public List<VcenterOptions> Vcenters { get; } = [];

    /// <summary>The tag category whose tag on a VM names the template (content library item) it was cloned from. Default <c>qlrf-template</c>.</summary>
    public string TemplateTagCategory { get; set; } = "qlrf-template";
}

/// <summary>One vCenter, its URL and its credentials by reference.</summary>
public sealed class VcenterOptions
{
    /// <summary>The vCenter's name in QL-RF; its sites are <c>vsphere-{Name}-{datacenter}</c>. Required.</summary>
    public string? Name { get; set; }

    /// <summary>The vCenter's base URL, e.g. <c>https://vcenter.example.com</c>. Required.</summary>
    public string? Url { get; set; }

    /// <summary>The environment variable holding the user name. Required.</summary>
    public string? UsernameVariable { get; set; }

    /// <summary>The environment variable holding the password. Required.</summary>
    public string? PasswordVariable { get; set; }

    /// <summary>A PEM file of the CA that issued the vCenter's certificate, when the system does not trust it.</summary>
    public string? CaCertificateFile { get; set; }
}
