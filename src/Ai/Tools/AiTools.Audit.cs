using Qlrf.Audit;
using Qlrf.Json;

namespace Qlrf.Ai.Tools;

public sealed partial class AiTools
{
    private async Task<AiToolOutput> AuditQueryAsync(string organisation, AiToolCall call, CancellationToken cancellationToken)
    {
        var filter = new AuditFilter
        {
            Actor = call.Text("actor"),
            Action = call.Text("action"),
            From = call.Whole("sinceDays") is { } days ? time.GetUtcNow().AddDays(-days) : null,
        };
        var limit = Math.Min(call.Whole("limit") ?? MaxItems, MaxItems);
        var page = await audit.QueryAsync(organisation, filter, AuditOrder.NewestFirst, limit, null, cancellationToken);
        var entries = page.Items.Select(e => new { e.Time, e.Actor, e.Action, e.Target, Outcome = EnumText<AuditOutcome>.Of(e.Outcome) }).ToList();
        return AiToolOutput.Of($"{entries.Count} audit entr{(entries.Count == 1 ? "y" : "ies")}", new { entries });
    }
}
