using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Qlrf.Durable;

/// <summary>
/// Name-based (version 5, RFC 4122) UUIDs as durabletask-dotnet makes them for <c>NewGuid</c>: the name is
/// <c>{instance id}_{step time, round-trip format}_{counter}</c> in the durabletask namespace, so an instance
/// produces the same ids on every replay, and the same ids as it would on Durable Functions.
/// </summary>
internal static class DeterministicGuid
{
    /// <summary>The namespace durabletask-dotnet uses.</summary>
    public static readonly Guid Namespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    public static Guid ForOrchestration(string instanceId, DateTime currentUtcDateTime, int counter) =>
        Create(Namespace, string.Concat(
            instanceId,
            "_",
            currentUtcDateTime.ToString("o", CultureInfo.InvariantCulture),
            "_",
            counter.ToString(CultureInfo.InvariantCulture)));

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "RFC 4122 version 5 UUIDs are defined over SHA-1; nothing here is a security boundary.")]
    public static Guid Create(Guid namespaceId, string name)
    {
        Span<byte> namespaceBytes = stackalloc byte[16];
        namespaceId.TryWriteBytes(namespaceBytes, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        namespaceBytes.CopyTo(buffer);
        nameBytes.CopyTo(buffer, 16);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(buffer, hash);
        var uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return new Guid(uuid, bigEndian: true);
    }
}
