namespace Qlrf.Connectors.Vsphere;

/// <summary>Checks a <c>vsphere</c> source's settings; each problem names its setting.</summary>
internal static class VsphereSourceOptionsValidation
{
    public static IEnumerable<string> Validate(string path, VsphereSourceOptions options)
    {
        foreach (var problem in options.ValidateCommon(path))
        {
            yield return problem;
        }

        if (options.Vcenters.Count == 0)
        {
            yield return $"{path}:Vcenters must list at least one vCenter.";
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Vcenters.Count; i++)
        {
            var vcenter = options.Vcenters[i];
            var at = $"{path}:Vcenters:{i}";
            if (string.IsNullOrWhiteSpace(vcenter.Name))
            {
                yield return $"{at}:Name is required.";
            }
            else if (!names.Add(vcenter.Name))
            {
                yield return $"{at}:Name '{vcenter.Name}' is used by another vCenter.";
            }

            foreach (var problem in SourceSettings.ValidateUrl($"{at}:Url", vcenter.Url))
            {
                yield return problem;
            }

            if (vcenter.UsernameVariable is null || vcenter.PasswordVariable is null)
            {
                yield return $"{at}:UsernameVariable and {at}:PasswordVariable must name the environment variables holding the credentials.";
            }

            foreach (var problem in EnvironmentSecret.Validate($"{at}:UsernameVariable", vcenter.UsernameVariable)
                .Concat(EnvironmentSecret.Validate($"{at}:PasswordVariable", vcenter.PasswordVariable)))
            {
                yield return problem;
            }

            if (vcenter.CaCertificateFile is not null && !File.Exists(vcenter.CaCertificateFile))
            {
                yield return $"{at}:CaCertificateFile '{vcenter.CaCertificateFile}' was not found.";
            }
        }

        if (string.IsNullOrWhiteSpace(options.TemplateTagCategory))
        {
            yield return $"{path}:TemplateTagCategory must name a tag category.";
        }
    }
}
