namespace Qlrf.Secrets;

/// <summary>
/// One secret as its store describes it: metadata only. QL-RF never reads, stores, logs or returns a secret's value;
/// sources ask their stores for metadata alone. Its id is stable across versions (<c>{store}:{name}</c>); the version
/// names the current value.
/// </summary>
public sealed record Secret
{
    /// <summary>Stable id within the organisation: <c>{store}:{name}</c>.</summary>
    public required string Id { get; init; }

    public required string Organisation { get; init; }

    /// <summary>The configured source that found it (its name), e.g. <c>sandbox</c>, <c>kv-prod</c>.</summary>
    public required string Store { get; init; }

    /// <summary>What kind of store: <see cref="SecretStoreKinds"/>.</summary>
    public required string StoreKind { get; init; }

    /// <summary>Its name in the store (Key Vault secret name, <c>cluster:namespace:secret</c>).</summary>
    public required string Name { get; init; }

    public required string Environment { get; init; }

    /// <summary>The store's id of the current version (Key Vault version, the secret's resourceVersion).</summary>
    public string Version { get; init; } = string.Empty;

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>When the store says the current value expires, if it says.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>The content type the store records (Key Vault's <c>contentType</c>, a Kubernetes secret's type).</summary>
    public string ContentType { get; init; } = string.Empty;

    /// <summary>How often the value should change, in days; null when no policy is set.</summary>
    public int? RotationDays { get; init; }

    /// <summary>Workloads referencing it (asset ids, e.g. <c>k8s://{cluster}/{namespace}/deployment/{name}</c>).</summary>
    public IReadOnlyList<string> Workloads { get; init; } = [];

    /// <summary>When a sweep last saw it.</summary>
    public DateTimeOffset SeenAt { get; init; }

    /// <summary>When the rotation policy wants the next value: last change plus <see cref="RotationDays"/>; null without a policy.</summary>
    public DateTimeOffset? RotationDueAt => RotationDays is { } days && (UpdatedAt ?? CreatedAt) is { } changed ? changed.AddDays(days) : null;

    /// <summary>Whether the rotation policy's date has passed.</summary>
    public bool RotationOverdue(DateTimeOffset now) => RotationDueAt is { } due && due <= now;

    /// <summary>Whether what a change history records differs from another's record of the same secret.</summary>
    public bool SameContentAs(Secret other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Version == other.Version && Enabled == other.Enabled && ExpiresAt == other.ExpiresAt && Environment == other.Environment
            && RotationDays == other.RotationDays && ContentType == other.ContentType && Workloads.SequenceEqual(other.Workloads, StringComparer.Ordinal);
    }
}

/// <summary>The kinds of secret store.</summary>
public static class SecretStoreKinds
{
    public const string Sandbox = "sandbox";
    public const string KeyVault = "key-vault";
    public const string Kubernetes = "kubernetes";
}
