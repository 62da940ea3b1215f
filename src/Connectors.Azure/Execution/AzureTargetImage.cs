using Azure.Core;
using Azure.ResourceManager.Compute.Models;

namespace Qlrf.Connectors.Azure.Execution;

/// <summary>
/// A golden version's image reference as ARM takes it: an image or gallery image version resource id, a shared or
/// community gallery id, or a marketplace URN (<c>publisher:offer:sku:version</c>); and whether an image reference already
/// points at it (an image definition with the target's exact version counts).
/// </summary>
internal sealed record AzureTargetImage(string Reference)
{
    public ImageReference ToImageReference()
    {
        if (Reference.StartsWith("/SharedGalleries/", StringComparison.OrdinalIgnoreCase))
        {
            return new ImageReference { SharedGalleryImageUniqueId = Reference };
        }

        if (Reference.StartsWith("/CommunityGalleries/", StringComparison.OrdinalIgnoreCase))
        {
            return new ImageReference { CommunityGalleryImageId = Reference };
        }

        if (Reference.StartsWith('/'))
        {
            return new ImageReference { Id = new ResourceIdentifier(Reference) };
        }

        var urn = Reference.Split(':');
        return urn.Length == 4
            ? new ImageReference { Publisher = urn[0], Offer = urn[1], Sku = urn[2], Version = urn[3] }
            : throw new Qlrf.Execution.ExecutorException($"Image reference '{Reference}' is neither an ARM image id nor a marketplace URN (publisher:offer:sku:version).");
    }

    public bool IsRunBy(ImageReference? image)
    {
        if (image is null)
        {
            return false;
        }

        var id = image.Id?.ToString() ?? image.SharedGalleryImageUniqueId ?? image.CommunityGalleryImageId;
        if (id is null)
        {
            var version = image.ExactVersion ?? image.Version;
            return string.Equals($"{image.Publisher}:{image.Offer}:{image.Sku}:{version}", Reference, StringComparison.OrdinalIgnoreCase);
        }

        if (string.Equals(id.TrimEnd('/'), Reference.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // An image definition whose exact version is the target version.
        var at = Reference.LastIndexOf("/versions/", StringComparison.OrdinalIgnoreCase);
        return at > 0
            && string.Equals(id.TrimEnd('/'), Reference[..at], StringComparison.OrdinalIgnoreCase)
            && string.Equals(image.ExactVersion, Reference[(at + "/versions/".Length)..], StringComparison.OrdinalIgnoreCase);
    }
}
