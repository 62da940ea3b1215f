namespace Qlrf.Compliance.EvidencePacks;

/// <summary>The fixed names inside an evidence pack, and the kinds of file index.json lists.</summary>
public static class EvidencePackLayout
{
    /// <summary>The index format this code writes and verifies.</summary>
    public const int Format = 1;

    public const string Index = "index.json";

    /// <summary>The detached signature over index.json's bytes (see <see cref="EvidencePackSignature"/>).</summary>
    public const string Signature = "index.json.sig";

    /// <summary>The public key (SubjectPublicKeyInfo PEM) the signature verifies with.</summary>
    public const string PublicKey = "signing-key.pub.pem";

    public const string Controls = "controls.json";

    public const string Summary = "summary.pdf";

    /// <summary>The files a pack holds beside those index.json lists.</summary>
    public static IReadOnlySet<string> Unindexed { get; } = new HashSet<string>(StringComparer.Ordinal) { Index, Signature, PublicKey };

    public static class Kinds
    {
        public const string Controls = "controls";
        public const string Summary = "summary";
        public const string Assets = "assets";
        public const string Sbom = "sbom";
        public const string Scans = "scans";
        public const string DrillReport = "drill-report";
        public const string Approvals = "approvals";
        public const string AuditLog = "audit-log";
        public const string AuditVerification = "audit-verification";
    }
}
