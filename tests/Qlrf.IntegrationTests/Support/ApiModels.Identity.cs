using Qlrf.Audit;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Support;

/// <summary>The identity and audit API's JSON as a client reads it.</summary>
public sealed record CallerDto(string Organisation, string Actor, PrincipalKind Kind, List<GrantDto> Grants, List<string> Permissions);

public sealed record GrantDto(Role Role, string Scope);

public sealed record BindingDto(string Id, string Subject, Role Role, string Scope, DateTimeOffset CreatedAt, string CreatedBy);

public sealed record ApiKeyDto(string Id, string Name, Role Role, string Scope, string Status, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt);

public sealed record CreatedKeyDto(ApiKeyDto ApiKey, string Key);

public sealed record AuditEntryDto(
    string Organisation, long Sequence, DateTimeOffset Time, string Actor, string Action, string Target, AuditOutcome Outcome,
    string RequestId, string Source, Dictionary<string, string> Details, string PreviousHash, string Hash);

public sealed record BrokenLinkDto(long Sequence, string Problem);

public sealed record VerificationDto(string Organisation, bool Verified, long Checked, BrokenLinkDto? FirstBrokenLink);
