namespace Qlrf.Images.Scanners;

/// <summary>A vulnerability's severity, as the scanners grade it (Trivy has no negligible; Grype does).</summary>
public enum Severity
{
    Unknown,
    Negligible,
    Low,
    Medium,
    High,
    Critical,
}
