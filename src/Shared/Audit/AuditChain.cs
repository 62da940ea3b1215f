using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Qlrf.Json;

namespace Qlrf.Audit;

/// <summary>
/// The hash chain of an audit log. An entry's hash is SHA-256 over a length-prefixed encoding of its
/// organisation, sequence, time (Unix milliseconds), actor, action, target, outcome, request id, source,
/// details (sorted by key) and the previous entry's hash, so changing, removing or reordering any entry
/// breaks every link after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of an organisation's first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private const string Version = "qlrf-audit-v1";

    /// <summary>Makes the entry that follows <paramref name="previous"/> (null for the first).</summary>
    public static AuditEntry Seal(AuditEvent e, AuditHead? previous, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(e);
        var entry = new AuditEntry
        {
            Organisation = e.Organisation,
            Sequence = (previous?.Sequence ?? 0) + 1,
            Time = DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds()),
            Actor = e.Actor,
            Action = e.Action,
            Target = e.Target,
            Outcome = e.Outcome,
            RequestId = e.RequestId,
            Source = e.Source,
            Details = new SortedDictionary<string, string>(e.Details.ToDictionary(), StringComparer.Ordinal),
            PreviousHash = previous?.Hash ?? Genesis,
            Hash = string.Empty,
        };
        return entry with { Hash = ComputeHash(entry) };
    }

    /// <summary>The hash the entry should carry, from its other fields.</summary>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var writer = new ArrayBufferWriter<byte>(512);
        Write(writer, Version);
        Write(writer, entry.Organisation);
        Write(writer, entry.Sequence);
        Write(writer, entry.Time.ToUnixTimeMilliseconds());
        Write(writer, entry.Actor);
        Write(writer, entry.Action);
        Write(writer, entry.Target);
        Write(writer, Enum.IsDefined(entry.Outcome) ? EnumText<AuditOutcome>.Of(entry.Outcome) : "?");
        Write(writer, entry.RequestId);
        Write(writer, entry.Source);
        Write(writer, entry.Details.Count);
        foreach (var (key, value) in entry.Details.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            Write(writer, key);
            Write(writer, value);
        }

        Write(writer, entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(writer.WrittenSpan));
    }

    private static void Write(ArrayBufferWriter<byte> writer, string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        Write(writer, (long)bytes);
        Encoding.UTF8.GetBytes(value, writer.GetSpan(bytes));
        writer.Advance(bytes);
    }

    private static void Write(ArrayBufferWriter<byte> writer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(sizeof(long)), value);
        writer.Advance(sizeof(long));
    }
}
