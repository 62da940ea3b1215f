using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Azure.Certificates;

/// <summary>Log messages of the Key Vault certificate source and issuer. Event ids 8070-8079.</summary>
internal static partial class KeyVaultLogs
{
    [LoggerMessage(EventId = 8070, Level = LogLevel.Information, Message = "Issuing a new Key Vault version of {CertificateId} from its policy for rotation {RotationId}")]
    public static partial void Issuing(ILogger logger, string certificateId, string rotationId);

    [LoggerMessage(EventId = 8071, Level = LogLevel.Information, Message = "{CertificateId} already has version {Version} issued for rotation {RotationId}")]
    public static partial void AlreadyIssued(ILogger logger, string certificateId, string version, string rotationId);

    [LoggerMessage(EventId = 8072, Level = LogLevel.Information, Message = "Read the key material of {CertificateId} version {Version} for a deployment")]
    public static partial void MaterialRead(ILogger logger, string certificateId, string version);
}
