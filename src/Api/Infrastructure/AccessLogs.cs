using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Qlrf.Security;

namespace Qlrf.Api.Infrastructure;

/// <summary>Access and audit messages of the HTTP API. Event ids 6050-6099 (identity's own take 6000-6049). Never a secret or a token.</summary>
internal static partial class AccessLogs
{
    [LoggerMessage(EventId = 6050, Level = LogLevel.Information, Message = "{Actor} of {Organisation} lacks {Permission} for {Method} {Path}")]
    public static partial void AccessDenied(ILogger logger, string actor, string organisation, Permission permission, string method, PathString path);

    [LoggerMessage(EventId = 6051, Level = LogLevel.Error, Message = "Could not append the audit entry {Action} for {Organisation}")]
    public static partial void AuditAppendFailed(ILogger logger, string action, string organisation, Exception exception);

    [LoggerMessage(EventId = 6052, Level = LogLevel.Information, Message = "Rate limit reached for a {Kind} caller on {Method} {Path}")]
    public static partial void RateLimited(ILogger logger, string kind, string method, PathString path);

    [LoggerMessage(EventId = 6053, Level = LogLevel.Warning, Message = "The audit chain of {Organisation} is broken at entry {Sequence}: {Problem}")]
    public static partial void AuditChainBroken(ILogger logger, string organisation, long sequence, string problem);

    [LoggerMessage(EventId = 6054, Level = LogLevel.Information, Message = "{Actor} bound {Subject} to {Role} at {Scope} in {Organisation} ({BindingId})")]
    public static partial void RoleBindingCreated(ILogger logger, string actor, string subject, Role role, RoleScope scope, string organisation, string bindingId);

    [LoggerMessage(EventId = 6055, Level = LogLevel.Information, Message = "{Actor} removed role binding {BindingId} in {Organisation}")]
    public static partial void RoleBindingDeleted(ILogger logger, string actor, string bindingId, string organisation);

    [LoggerMessage(EventId = 6056, Level = LogLevel.Error, Message = "Endpoint {Route} declares no permission and is closed to every caller")]
    public static partial void EndpointWithoutPermission(ILogger logger, string route);
}
