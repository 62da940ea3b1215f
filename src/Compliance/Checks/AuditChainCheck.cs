using System.Globalization;
using Qlrf.Audit;

namespace Qlrf.Compliance.Checks;

/// <summary><c>audit-chain</c>: the organisation's hash-chained audit log verifies from its first entry to its head. An empty log has no evidence.</summary>
public sealed class AuditChainCheck(IAuditReader reader) : IComplianceCheck
{
    public const string CheckId = "audit-chain";

    public string Id => CheckId;

    public string ObjectKind => "organisation";

    public string Description => "The hash-chained audit log verifies end to end.";

    public IReadOnlyList<CheckParameter> Parameters => [];

    /// <summary>The log grows with every change, so stored results are refreshed like those that age.</summary>
    public bool ClockDependent => true;

    public async Task<IReadOnlyList<CheckObjectResult>> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var verification = await AuditVerifier.VerifyAsync(reader, context.Organisation, cancellationToken);
        if (verification.Head is null && verification.Checked == 0 && verification.Verified)
        {
            return [];
        }

        var reason = verification.Verified
            ? string.Create(CultureInfo.InvariantCulture, $"{verification.Checked} entries verified up to the head at {verification.Head?.Sequence}")
            : $"the chain breaks at entry {verification.FirstBrokenLink?.Sequence}: {verification.FirstBrokenLink?.Problem}";
        return [new CheckObjectResult(ObjectKind, context.Organisation, verification.Verified, reason)];
    }
}
