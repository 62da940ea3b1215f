using Microsoft.Extensions.Logging;

namespace Qlrf.Compliance.Evidence;

/// <summary>Log messages of evidence packs. Event ids 12500 to 12519.</summary>
internal static partial class EvidencePackLogs
{
    [LoggerMessage(EventId = 12500, Level = LogLevel.Information, Message = "Generated an evidence-pack signing key at {Path} (ECDSA P-256, fingerprint {Fingerprint}); set {Section}:KeyPath or {Section}:Key to sign with your own")]
    public static partial void GeneratedSigningKey(ILogger logger, string path, string fingerprint, string section);

    [LoggerMessage(EventId = 12501, Level = LogLevel.Information, Message = "Evidence pack {PackId} stored: {Files} files, {Size} bytes, signed with key {Fingerprint}")]
    public static partial void Stored(ILogger logger, string packId, int files, long size, string fingerprint);

    [LoggerMessage(EventId = 12502, Level = LogLevel.Warning, Message = "Evidence pack {PackId} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string packId, string reason);
}
