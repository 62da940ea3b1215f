using Qlrf.Secrets;

namespace Qlrf.Api.Secrets;

/// <summary>A secret as listed: its metadata (never a value), whole days to expiry, and when its rotation policy wants a new value.</summary>
public sealed record SecretView(Secret Secret, int? DaysToExpiry, DateTimeOffset? RotationDueAt, bool RotationOverdue)
{
    public static SecretView Of(Secret secret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new(secret, secret.ExpiresAt is { } expires ? (int)Math.Floor((expires - now).TotalDays) : null, secret.RotationDueAt, secret.RotationOverdue(now));
    }
}

/// <summary>A secret's detail: its listing, the workloads referencing it, and its change history (versions only).</summary>
public sealed record SecretDetail(Secret Secret, int? DaysToExpiry, DateTimeOffset? RotationDueAt, bool RotationOverdue, IReadOnlyList<SecretWorkload> Workloads, IReadOnlyList<SecretChange> History);

/// <summary>A workload that references a secret, and the environment it runs in as far as QL-RF knows it.</summary>
public sealed record SecretWorkload(string Id, string Environment);

/// <summary>A secret source sweep's result.</summary>
public sealed record SecretSweepView(string Source, int Changes, IReadOnlyList<SecretChange> Changed);
