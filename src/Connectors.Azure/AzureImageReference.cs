using Azure.ResourceManager.Compute.Models;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Azure;

/// <summary>
/// Reads the image family and version of a VM's image reference:
/// <list type="bullet">
/// <item>a gallery image version (<c>…/galleries/g/images/{family}/versions/{version}</c>, or the image
/// definition with its <c>exactVersion</c>), and shared and community gallery ids likewise;</item>
/// <item>a marketplace image: family <c>{publisher}:{offer}:{sku}</c>, version its exact version;</item>
/// <item>a managed image (<c>…/images/{name}</c>): family and version from the name pattern.</item>
/// </list>
/// The reference is the gallery version's id, the marketplace URN, or the managed image's id.
/// </summary>
internal static class AzureImageReference
{
    public static ImageRef? Resolve(ImageReference? image, ImageNamePattern pattern)
    {
        if (image is null)
        {
            return null;
        }

        var id = image.Id?.ToString() ?? image.SharedGalleryImageUniqueId ?? image.CommunityGalleryImageId;
        if (id is not null)
        {
            var segments = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var images = Array.FindLastIndex(segments, s => s.Equals("images", StringComparison.OrdinalIgnoreCase));
            var isGallery = Array.Exists(segments, s => s.Equals("galleries", StringComparison.OrdinalIgnoreCase) || s.Equals("SharedGalleries", StringComparison.OrdinalIgnoreCase) || s.Equals("CommunityGalleries", StringComparison.OrdinalIgnoreCase));
            if (isGallery && images >= 0 && images + 1 < segments.Length)
            {
                var family = segments[images + 1];
                var version = images + 3 < segments.Length && segments[images + 2].Equals("versions", StringComparison.OrdinalIgnoreCase)
                    ? segments[images + 3]
                    : image.ExactVersion;
                return new ImageRef(family, version ?? string.Empty, id);
            }

            return images >= 0 && images + 1 < segments.Length ? pattern.Resolve(null, null, segments[images + 1], id) : null;
        }

        if (image.Publisher is not null && image.Offer is not null && image.Sku is not null)
        {
            var version = image.ExactVersion ?? image.Version;
            return new ImageRef($"{image.Publisher}:{image.Offer}:{image.Sku}", version ?? string.Empty, $"{image.Publisher}:{image.Offer}:{image.Sku}:{version}");
        }

        return null;
    }
}
