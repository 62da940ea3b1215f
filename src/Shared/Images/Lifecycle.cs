using Qlrf.Errors;
using Qlrf.Inventory;
using Qlrf.Json;

namespace Qlrf.Images;

/// <summary>
/// The lifecycle rules of a family's versions, per platform. Status moves forward one stage at a time
/// (draft → testing → production → deprecated → retired; a skipped stage is refused) unless a rollback,
/// which names its reason, moves it back to any earlier stage. Exactly one version is production per
/// family and platform at any time: a version becoming production displaces the incumbent (to deprecated,
/// or back to testing when the move is a rollback), and rolling the production version back restores the
/// previous one.
/// </summary>
public static class Lifecycle
{
    public const int MaxReasonLength = 500;

    /// <summary>The stages in order, as messages give them.</summary>
    public static readonly string Order = string.Join(" → ", Enum.GetValues<LifecycleStatus>().Select(s => EnumText<LifecycleStatus>.Of(s)));

    /// <summary>
    /// Plans <paramref name="request"/> against the family's versions. Returns the versions that change
    /// (with their new releases) and the transitions to record, in order; both empty when the version
    /// already has the requested status everywhere asked (a repeated request changes nothing).
    /// </summary>
    /// <exception cref="RequestValidationException">No reason, a platform the version is not on, or a rollback that moves forward.</exception>
    /// <exception cref="ConflictException">A forward move that skips a stage, or a backward move that is not a rollback; the message names the allowed next states.</exception>
    /// <exception cref="NotFoundException">The version is not one of <paramref name="familyVersions"/>.</exception>
    public static LifecyclePlan Plan(IReadOnlyList<ImageVersion> familyVersions, TransitionRequest request)
    {
        ArgumentNullException.ThrowIfNull(familyVersions);
        ArgumentNullException.ThrowIfNull(request);
        var reason = request.Reason?.Trim() ?? string.Empty;
        if (reason.Length == 0)
        {
            throw new RequestValidationException("reason", "is required: every transition records why.");
        }

        if (reason.Length > MaxReasonLength)
        {
            throw new RequestValidationException("reason", $"must be at most {MaxReasonLength} characters.");
        }

        var versions = familyVersions.ToDictionary(v => v.Id, StringComparer.Ordinal);
        var target = versions.GetValueOrDefault(request.VersionId) ?? throw new NotFoundException($"There is no image version '{request.VersionId}'.");
        var platforms = request.Platforms.Count == 0 ? target.Releases.Select(r => r.Platform).ToList() : request.Platforms.Distinct().ToList();
        foreach (var p in platforms.Where(p => target.On(p) is null))
        {
            throw new RequestValidationException("platforms", $"{target.Id} is not published to {EnumText<Platform>.Of(p)} (it is on {string.Join(", ", target.Releases.Select(r => EnumText<Platform>.Of(r.Platform)))}).");
        }

        var transitions = new List<LifecycleTransition>();
        foreach (var platform in platforms)
        {
            var from = target.On(platform)!.Status;
            if (from == request.To)
            {
                continue;
            }

            if (request.To < from && !request.Rollback)
            {
                throw Refused(
                    $"{target.Id} is {Text(from)} on {EnumText<Platform>.Of(platform)}; status only moves forward. "
                    + $"Moving it back to {Text(request.To)} is a rollback: send rollback=true with the reason.",
                    platform,
                    from);
            }

            if (request.To > from && request.Rollback)
            {
                throw new RequestValidationException("rollback", $"{Text(from)} → {Text(request.To)} on {EnumText<Platform>.Of(platform)} moves forward; a rollback moves back.");
            }

            if (request.To > Next(from))
            {
                throw Refused(
                    $"{target.Id} is {Text(from)} on {EnumText<Platform>.Of(platform)}; {Text(from)} → {Text(request.To)} skips "
                    + $"{string.Join(", ", Stages(from + 1, request.To - 1).Select(Text))} ({Order}).",
                    platform,
                    from);
            }

            Move(versions, target.Id, platform, request.To, request, reason, TransitionCause.Requested, request.Rollback, transitions);
            if (request.To == LifecycleStatus.Production)
            {
                var incumbent = versions.Values.FirstOrDefault(v => v.Id != target.Id && v.On(platform)?.Status == LifecycleStatus.Production);
                if (incumbent is not null)
                {
                    var displacedTo = request.Rollback ? LifecycleStatus.Testing : LifecycleStatus.Deprecated;
                    var why = request.Rollback ? $"rolled back in favour of {target.Version}: {reason}" : $"superseded by {target.Version}";
                    Move(versions, incumbent.Id, platform, displacedTo, request, Clip(why), TransitionCause.Superseded, request.Rollback, transitions);
                }
            }
            else if (from == LifecycleStatus.Production && request.Rollback)
            {
                var number = target.Number;
                var previous = versions.Values
                    .Where(v => v.Id != target.Id && v.On(platform) is { Status: LifecycleStatus.Deprecated, ReleasedAt: not null } && v.Number < number)
                    .MaxBy(v => v.Number);
                if (previous is not null)
                {
                    Move(versions, previous.Id, platform, LifecycleStatus.Production, request, Clip($"restored by the rollback of {target.Version}: {reason}"), TransitionCause.Restored, true, transitions);
                }
            }
        }

        var changed = transitions.Select(t => t.VersionId).Distinct().Select(id => versions[id]).ToList();
        return new LifecyclePlan(changed, transitions);
    }

    public static string Text(LifecycleStatus status) => EnumText<LifecycleStatus>.Of(status);

    /// <summary>The stage after <paramref name="status"/>; retired is the last, and stays.</summary>
    public static LifecycleStatus Next(LifecycleStatus status) => status == LifecycleStatus.Retired ? status : status + 1;

    /// <summary>Where a release may go from <paramref name="status"/>: the next stage, and by rollback any earlier one.</summary>
    public static IReadOnlyList<LifecycleStatus> AllowedNext(LifecycleStatus status, bool rollback) =>
        rollback ? Stages(LifecycleStatus.Draft, status - 1) : status == LifecycleStatus.Retired ? [] : [Next(status)];

    /// <summary>A refused move, naming the states the release may move to instead (also as ProblemDetails extensions).</summary>
    private static ConflictException Refused(string message, Platform platform, LifecycleStatus from)
    {
        var forward = AllowedNext(from, rollback: false);
        var back = AllowedNext(from, rollback: true);
        var next = forward.Count == 0 ? $"{Text(from)} is the last stage" : $"The allowed next state is {Text(forward[0])}";
        return new ConflictException($"{message} {next}{(back.Count == 0 ? "." : $"; with rollback=true, {string.Join(" or ", back.Select(Text))}.")}")
        {
            Extensions = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["platform"] = EnumText<Platform>.Of(platform),
                ["currentState"] = Text(from),
                ["allowedNextStates"] = forward.Select(Text).ToList(),
                ["rollbackStates"] = back.Select(Text).ToList(),
            },
        };
    }

    private static List<LifecycleStatus> Stages(LifecycleStatus first, LifecycleStatus last) =>
        Enum.GetValues<LifecycleStatus>().Where(s => s >= first && s <= last).ToList();

    private static void Move(
        Dictionary<string, ImageVersion> versions,
        string versionId,
        Platform platform,
        LifecycleStatus to,
        TransitionRequest request,
        string reason,
        TransitionCause cause,
        bool rollback,
        List<LifecycleTransition> transitions)
    {
        var version = versions[versionId];
        var release = version.On(platform)!;
        var updated = release with
        {
            Status = to,
            PromotedAt = to == LifecycleStatus.Production ? request.At : release.PromotedAt,
            ReleasedAt = to == LifecycleStatus.Production ? release.ReleasedAt ?? request.At : release.ReleasedAt,
        };
        versions[versionId] = version with { Releases = version.Releases.Select(r => r.Platform == platform ? updated : r).ToList() };
        transitions.Add(new LifecycleTransition
        {
            VersionId = versionId,
            Platform = platform,
            From = release.Status,
            To = to,
            Actor = request.Actor,
            At = request.At,
            Reason = reason,
            Rollback = rollback,
            Cause = cause,
        });
    }

    private static string Clip(string text) => text.Length <= MaxReasonLength ? text : text[..MaxReasonLength];
}

/// <summary>The outcome of planning a transition: the versions as they become, and the transitions to record.</summary>
public sealed record LifecyclePlan(IReadOnlyList<ImageVersion> Changed, IReadOnlyList<LifecycleTransition> Transitions)
{
    public bool IsEmpty => Transitions.Count == 0;
}
