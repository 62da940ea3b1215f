using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Qlrf.Sandbox.Secrets;

/// <summary>
/// The sandbox secret store: each secret's versions (the last is current), created from the secrets file when the host
/// starts. A value is random bytes that never leave this class: callers see versions and metadata only, and a workload
/// holds the version it loaded.
/// </summary>
public sealed class SandboxSecretVault
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> secrets = new(StringComparer.Ordinal);
    private readonly TimeProvider time;

    public SandboxSecretVault(IOptions<SandboxSecretsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.time = time;
        var path = Path.IsPathRooted(options.Value.File) ? options.Value.File : Path.Combine(AppContext.BaseDirectory, options.Value.File);
        File = SandboxSecretsFile.Read(System.IO.File.Exists(path) ? path : options.Value.File);
        var now = time.GetUtcNow();
        foreach (var spec in File.Secrets)
        {
            var changed = now.AddDays(-spec.AgeDays);
            var entry = new Entry(spec, now.AddDays(-Math.Max(spec.AgeDays, 1) * 2));
            entry.Versions.Add(NewVersion(1, changed));
            secrets[spec.Name] = entry;
        }
    }

    public SandboxSecretsFile File { get; }

    /// <summary>Every secret's metadata, its current version first-class.</summary>
    public IReadOnlyList<SandboxSecretMetadata> List()
    {
        lock (gate)
        {
            return [.. secrets.Values.Select(Metadata)];
        }
    }

    public SandboxSecretMetadata? Get(string name)
    {
        lock (gate)
        {
            return secrets.TryGetValue(name, out var entry) ? Metadata(entry) : null;
        }
    }

    /// <summary>
    /// Adds a new current version of <paramref name="name"/> (a fresh random value). Idempotent by <paramref name="key"/>:
    /// a redelivery returns the version added the first time.
    /// </summary>
    public string AddVersion(string name, string key)
    {
        lock (gate)
        {
            var entry = Find(name);
            if (entry.Versions.FirstOrDefault(v => v.Key == key) is { } done)
            {
                return done.Id;
            }

            var version = NewVersion(entry.Versions.Count + 1, time.GetUtcNow()) with { Key = key };
            entry.Versions.Add(version);
            return version.Id;
        }
    }

    /// <summary>Makes <paramref name="version"/> current again (disables the versions after it): a rollback.</summary>
    public void Restore(string name, string version)
    {
        lock (gate)
        {
            var entry = Find(name);
            var index = entry.Versions.FindIndex(v => v.Id == version);
            if (index < 0)
            {
                throw new InvalidOperationException($"Sandbox secret {name} has no version {version}.");
            }

            var restored = entry.Versions[index] with { Updated = time.GetUtcNow() };
            entry.Versions.RemoveAt(index);
            entry.Versions.Add(restored);
        }
    }

    /// <summary>Whether <paramref name="version"/> of <paramref name="name"/> exists (a workload can load it).</summary>
    public bool HasVersion(string name, string version)
    {
        lock (gate)
        {
            return secrets.TryGetValue(name, out var entry) && entry.Versions.Any(v => v.Id == version);
        }
    }

    private Entry Find(string name) => secrets.TryGetValue(name, out var entry) ? entry : throw new InvalidOperationException($"The sandbox store has no secret '{name}'.");

    private static Version NewVersion(int number, DateTimeOffset at) =>
        new(string.Create(CultureInfo.InvariantCulture, $"v{number}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}"), at, at, null, RandomNumberGenerator.GetBytes(32));

    private SandboxSecretMetadata Metadata(Entry entry)
    {
        var current = entry.Versions[^1];
        var spec = entry.Spec;
        // A value lives ageDays + expiresInDays: the first expires expiresInDays after start-up, a new one as long after it is set.
        return new SandboxSecretMetadata(spec.Name, spec.Environment, current.Id, entry.Created, current.Updated,
            spec.ExpiresInDays is { } days ? current.Created.AddDays(spec.AgeDays + days) : null,
            spec.Enabled, spec.ContentType, spec.RotationDays, spec.Workloads, [.. entry.Versions.Select(v => v.Id)]);
    }

    private sealed record Entry(SandboxSecretSpec Spec, DateTimeOffset Created)
    {
        public List<Version> Versions { get; } = [];
    }

    /// <summary>A version; its value is held here only.</summary>
    private sealed record Version(string Id, DateTimeOffset Created, DateTimeOffset Updated, string? Key, byte[] Value);
}

/// <summary>What the sandbox store tells about a secret: never its value.</summary>
public sealed record SandboxSecretMetadata(
    string Name, string Environment, string Version, DateTimeOffset Created, DateTimeOffset Updated, DateTimeOffset? Expires, bool Enabled, string ContentType, int? RotationDays, IReadOnlyList<string> Workloads, IReadOnlyList<string> Versions);
