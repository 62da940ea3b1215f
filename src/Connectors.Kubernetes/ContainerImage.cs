namespace Qlrf.Connectors.Kubernetes;

/// <summary>
/// A container image reference split into repository, tag and digest:
/// <c>registry.example.com:5000/team/app:1.4.0@sha256:…</c> is repository
/// <c>registry.example.com:5000/team/app</c>, tag <c>1.4.0</c>, digest <c>sha256:…</c>. An image with
/// neither tag nor digest has the implied tag <c>latest</c>.
/// </summary>
public sealed record ContainerImage(string Repository, string? Tag, string? Digest)
{
    public static ContainerImage Parse(string image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var text = image.Trim();
        string? digest = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = text[(at + 1)..];
            text = text[..at];
        }

        string? tag = null;
        var colon = text.LastIndexOf(':');
        if (colon > text.LastIndexOf('/'))
        {
            tag = text[(colon + 1)..];
            text = text[..colon];
        }

        return new ContainerImage(text, tag ?? (digest is null ? "latest" : null), digest);
    }
}
