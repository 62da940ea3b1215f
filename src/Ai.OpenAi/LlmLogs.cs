using Microsoft.Extensions.Logging;

namespace Qlrf.Ai.OpenAi;

internal static partial class LlmLogs
{
    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "The copilot's model could not be reached (status {Status}): {Reason}; the rule-based planner planned instead")]
    public static partial void ModelFailed(ILogger logger, int status, string reason);
}
