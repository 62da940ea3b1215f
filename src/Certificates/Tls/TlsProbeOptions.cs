using System.ComponentModel.DataAnnotations;

namespace Qlrf.Certificates.Tls;

/// <summary>How TLS endpoints are scanned, section <c>Qlrf:Certificates:Tls</c>.</summary>
public sealed class TlsProbeOptions
{
    public const string Section = "Qlrf:Certificates:Tls";

    /// <summary>Connect plus handshake timeout per endpoint. Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether a chain may end in the system's trusted roots. Default true.</summary>
    public bool TrustSystemRoots { get; set; } = true;

    /// <summary>PEM or DER files of further trusted roots (found like other configured files). Default none.</summary>
    public List<string> TrustedRootFiles { get; } = [];

    /// <summary>Endpoints scanned at once by one sweep. Default 32.</summary>
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 32;
}
