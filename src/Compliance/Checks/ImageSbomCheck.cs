using System.Globalization;
using Qlrf.Images;

namespace Qlrf.Compliance.Checks;

/// <summary><c>image-sbom</c>: every production image version has an SBOM.</summary>
public sealed class ImageSbomCheck(IImageStore images) : ProductionImageCheck(images)
{
    public const string CheckId = "image-sbom";

    public override string Id => CheckId;

    public override string Description => "Every production image has a software bill of materials.";

    public override IReadOnlyList<CheckParameter> Parameters => [];

    public override bool ClockDependent => false;

    protected override async Task<CheckObjectResult?> JudgeAsync(CheckContext context, ImageVersion version, DateTimeOffset productionSince, CancellationToken cancellationToken) =>
        await Images.GetSbomAsync(context.Organisation, version.Id, cancellationToken) is { } sbom
            ? ProductionImages.Result(version, true, string.Create(CultureInfo.InvariantCulture, $"{sbom.Format} SBOM with {sbom.ComponentCount} components"))
            : ProductionImages.Result(version, false, "in production with no SBOM");
}
