using Qlrf.Errors;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Json;

namespace Qlrf.Store.Sqlite;

public sealed partial class SqliteImageStore
{
    public Task<LifecyclePlan> TransitionAsync(string organisation, TransitionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ImageNames.TrySplit(request.VersionId, out var family, out _))
        {
            throw new NotFoundException($"There is no image version '{request.VersionId}'.");
        }

        return database.WriteAsync((connection, transaction) =>
        {
            var versions = ImageRows.FamilyVersions(connection, transaction, organisation, family);
            var plan = Lifecycle.Plan(versions, request);
            if (plan.IsEmpty)
            {
                return plan;
            }

            foreach (var version in plan.Changed)
            {
                foreach (var release in version.Releases)
                {
                    ImageRows.InsertRelease(connection, transaction, organisation, version, release);
                }
            }

            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO image_transitions (org, version_id, seq, platform, from_status, to_status, actor, at, reason, rollback, cause)
                VALUES ($org, $id, (SELECT coalesce(max(seq), 0) + 1 FROM image_transitions WHERE org = $org AND version_id = $id),
                        $platform, $from, $to, $actor, $at, $reason, $rollback, $cause)
                """;
            foreach (var t in plan.Transitions)
            {
                insert.Parameters.Clear();
                insert.Add("$org", organisation);
                insert.Add("$id", t.VersionId);
                insert.Add("$platform", EnumText<Platform>.Of(t.Platform));
                insert.Add("$from", EnumText<LifecycleStatus>.Of(t.From));
                insert.Add("$to", EnumText<LifecycleStatus>.Of(t.To));
                insert.Add("$actor", t.Actor);
                insert.Add("$at", SqliteValues.ToUnixMs(t.At));
                insert.Add("$reason", t.Reason);
                insert.Add("$rollback", t.Rollback ? 1 : 0);
                insert.Add("$cause", EnumText<TransitionCause>.Of(t.Cause));
                insert.ExecuteNonQuery();
            }

            ImageRows.BumpRevision(connection, transaction, organisation, family);
            MarkForDrift(connection, transaction, organisation, family, request.At);
            return plan;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<LifecycleTransition>> ListTransitionsAsync(string organisation, string versionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT platform, from_status, to_status, actor, at, reason, rollback, cause
            FROM image_transitions WHERE org = $org AND version_id = $id ORDER BY seq
            """;
        command.Add("$org", organisation);
        command.Add("$id", versionId);
        var transitions = new List<LifecycleTransition>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            transitions.Add(new LifecycleTransition
            {
                VersionId = versionId,
                Platform = EnumText<Platform>.Parse(reader.GetString(0)),
                From = EnumText<LifecycleStatus>.Parse(reader.GetString(1)),
                To = EnumText<LifecycleStatus>.Parse(reader.GetString(2)),
                Actor = reader.GetString(3),
                At = reader.GetTime(4),
                Reason = reader.GetString(5),
                Rollback = reader.GetInt64(6) != 0,
                Cause = EnumText<TransitionCause>.Parse(reader.GetString(7)),
            });
        }

        return Task.FromResult<IReadOnlyList<LifecycleTransition>>(transitions);
    }
}
