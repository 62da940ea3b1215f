using System.Globalization;
using Qlrf.Images;

namespace Qlrf.Compliance.Checks;

/// <summary><c>image-scanned</c>: every production image version has a vulnerability scan no older than <c>maxAgeDays</c>.</summary>
public sealed class ImageScannedCheck(IImageStore images) : ProductionImageCheck(images)
{
    public const string CheckId = "image-scanned";

    public override string Id => CheckId;

    public override string Description => "Every production image has a vulnerability scan no older than N days.";

    public override IReadOnlyList<CheckParameter> Parameters { get; } =
        [CheckParameter.Number("maxAgeDays", 30, 1, 3650, "How old the latest scan may be.")];

    public override bool ClockDependent => true;

    protected override async Task<CheckObjectResult?> JudgeAsync(CheckContext context, ImageVersion version, DateTimeOffset productionSince, CancellationToken cancellationToken)
    {
        var scans = await Images.ListScansAsync(context.Organisation, version.Id, cancellationToken);
        if (scans.Count == 0)
        {
            return ProductionImages.Result(version, false, "in production with no vulnerability scan");
        }

        var latest = scans.Max(x => x.ScannedAt ?? x.ImportedAt);
        var days = (int)Math.Floor((context.Now - latest).TotalDays);
        var maxAge = context.Parameters.Number("maxAgeDays");
        return ProductionImages.Result(version, days <= maxAge, string.Create(CultureInfo.InvariantCulture,
            $"latest scan {latest:yyyy-MM-dd} ({days} days old, at most {maxAge})"));
    }
}
