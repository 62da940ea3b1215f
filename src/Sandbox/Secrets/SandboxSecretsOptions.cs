namespace Qlrf.Sandbox.Secrets;

/// <summary>The sandbox secret store, section <c>Qlrf:Sandbox:Secrets</c>.</summary>
public sealed class SandboxSecretsOptions
{
    public const string Section = "Qlrf:Sandbox:Secrets";

    /// <summary>The secrets file: secrets and the loopback workloads using them. Default <c>samples/secrets.yaml</c>.</summary>
    public string File { get; set; } = "samples/secrets.yaml";
}
