using Qlrf.Compliance;
using Qlrf.Errors;

namespace Qlrf.UnitTests.Compliance;

public sealed class EvidencePackRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "2026-11-01", "2026-12-01", "framework")]
    [InlineData("cis v8", "2026-11-01", "2026-12-01", "framework")]
    [InlineData("cis-v8", null, "2026-12-01", "from")]
    [InlineData("cis-v8", "2026-11-01", null, "to")]
    [InlineData("cis-v8", "2026-12-01", "2026-11-01", "to")]
    [InlineData("cis-v8", "2024-01-01", "2026-11-01", "to")]
    [InlineData("cis-v8", "2026-12-02", "2026-12-03", "from")]
    public void Bad_input_names_the_field(string? framework, string? from, string? to, string field)
    {
        var error = Assert.Throws<RequestValidationException>(() => EvidencePackRequest.Validate(framework, Parse(from), Parse(to), [], Now));

        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("prod,prod")]
    public void Blank_or_repeated_environments_are_refused(string environments)
    {
        var error = Assert.Throws<RequestValidationException>(() => EvidencePackRequest.Validate("cis-v8", Now.AddDays(-1), Now, environments.Split(','), Now));

        Assert.Equal("environments", error.Field);
    }

    [Fact]
    public void A_good_request_is_kept_in_utc_with_trimmed_environments()
    {
        var request = EvidencePackRequest.Validate("cis-v8", new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.FromHours(2)), Now, [" prod "], Now);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), request.From);
        Assert.Equal(TimeSpan.Zero, request.From.Offset);
        Assert.Equal(["prod"], request.Environments);
    }

    private static DateTimeOffset? Parse(string? text) => text is null ? null : DateTimeOffset.Parse(text + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
}
