namespace Qlrf.Compliance.Evidence;

/// <summary>
/// What a pack covers, decided once before it is written: how many assets, the image versions they run (registered
/// ones by id, <c>family@version</c>; the rest counted), the drills and the changes (rollouts, drills) whose approvals
/// fall in the range and environments.
/// </summary>
public sealed record EvidenceScope(
    long Assets,
    IReadOnlyList<string> ImageVersions,
    int UnregisteredImageVersions,
    IReadOnlyList<string> Drills,
    IReadOnlyList<ApprovalSubject> ApprovalSubjects);

/// <summary>A change whose approvals the pack carries: its kind (<c>rollout</c>, <c>drill</c>), id, requester and environments.</summary>
public sealed record ApprovalSubject(string Kind, string Id, string RequestedBy, DateTimeOffset CreatedAt, IReadOnlyList<string> Environments);
