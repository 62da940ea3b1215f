using Qlrf.Security;

namespace Qlrf.Ai.Tools;

/// <summary>Runs a read-only or plan-only tool call for a caller, in the caller's organisation only; its output size-bounded.</summary>
public interface IAiToolRunner
{
    Task<AiToolResult> RunAsync(Principal caller, int index, AiToolCall call, CancellationToken cancellationToken);
}
