namespace Qlrf.Connectors.Azure.Execution;

/// <summary>
/// Settings of the Azure executor (<c>Qlrf:Executors:Azure</c>): how it waits for ARM's long-running operations and how it
/// installs and records patch sets. Credentials, endpoints and subscriptions come from the <c>azure</c> sources that
/// discovered the assets.
/// </summary>
public sealed class AzureExecutorOptions
{
    /// <summary>
    /// How often a long-running operation (scale-set update, manual upgrade, install-patches) is polled; ARM's
    /// <c>Retry-After</c> is honoured when longer. Default 15 seconds.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest an install-patches operation may run on a VM (its <c>maximumDuration</c>). Default 2 hours.</summary>
    public TimeSpan PatchMaximumDuration { get; set; } = TimeSpan.FromHours(2);

    /// <summary>When install-patches may reboot the VM: <c>IfRequired</c> (default), <c>Never</c> or <c>Always</c>.</summary>
    public string PatchRebootSetting { get; set; } = "IfRequired";

    /// <summary>The update classifications installed on Windows VMs besides the patch set's KBs. Default Critical and Security.</summary>
    public List<string> WindowsClassifications { get; } = ["Critical", "Security"];

    /// <summary>The update classifications installed on Linux VMs besides the patch set's packages. Default Critical and Security.</summary>
    public List<string> LinuxClassifications { get; } = ["Critical", "Security"];

    /// <summary>The VM tag prefix recording applied patch sets: <c>{prefix}{patch set id}</c> = <c>applied</c>.</summary>
    public string PatchSetTagPrefix { get; set; } = "qlrf-patch-set-";
}
