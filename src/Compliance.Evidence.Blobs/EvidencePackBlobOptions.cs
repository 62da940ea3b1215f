using System.ComponentModel.DataAnnotations;

namespace Qlrf.Compliance.Evidence.Blobs;

/// <summary>Where evidence packs are kept on Azure (<c>Qlrf:Compliance:EvidencePacks:Blobs</c>), reached with the app's managed identity.</summary>
public sealed class EvidencePackBlobOptions
{
    public const string Section = "Qlrf:Compliance:EvidencePacks:Blobs";

    /// <summary>The blob service endpoint, e.g. <c>https://{account}.blob.core.windows.net/</c>.</summary>
    [Required(ErrorMessage = "Qlrf:Compliance:EvidencePacks:Blobs:Endpoint is required (the storage account's blob endpoint).")]
    public Uri? Endpoint { get; set; }

    /// <summary>The container, created when missing. Default <c>evidence-packs</c>.</summary>
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Qlrf:Compliance:EvidencePacks:Blobs:Container must be a blob container name: 3 to 63 lower-case letters, digits and single dashes.")]
    public string Container { get; set; } = "evidence-packs";
}
