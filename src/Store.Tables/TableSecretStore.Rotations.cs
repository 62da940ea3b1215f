using Qlrf.Errors;
using Qlrf.Secrets;

namespace Qlrf.Store.Tables;

public sealed partial class TableSecretStore
{
    public async Task<(SecretRotation Rotation, bool Created)> CreateRotationAsync(SecretRotation rotation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        var org = rotation.Organisation;
        if (rotation.IdempotencyKey is { } key)
        {
            try
            {
                await Table.SubmitAsync([TableAction.Add(new TableRow(org, Key("k", key)) { ["RotationId"] = rotation.Id })], cancellationToken);
            }
            catch (TableConflictException)
            {
                var holder = (await Table.GetAsync(org, Key("k", key), cancellationToken))!.Text("RotationId");
                return (await GetRotationAsync(org, holder, cancellationToken) ?? throw new NotFoundException($"Rotation '{holder}' was not found."), false);
            }
        }

        var index = new TableRow(org, Key("q", rotation.SecretId, TableKeys.Descending(rotation.CreatedAt.UtcTicks), rotation.Id)) { ["RotationId"] = rotation.Id };
        await Table.SubmitAsync([TableAction.Add(Json(org, Key("o", rotation.Id), rotation)), TableAction.Upsert(index)], cancellationToken);
        return (rotation, true);
    }

    public async Task<SecretRotation?> GetRotationAsync(string organisation, string rotationId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, Key("o", rotationId), cancellationToken) is { } row ? JsonColumns.Read<SecretRotation>(row) : null;

    public async Task<SecretRotation> UpdateRotationAsync(string organisation, string rotationId, Func<SecretRotation, SecretRotation> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var row = await Table.GetAsync(organisation, Key("o", rotationId), cancellationToken) ?? throw new NotFoundException($"Rotation '{rotationId}' was not found.");
            var next = change(JsonColumns.Read<SecretRotation>(row));
            try
            {
                await Table.SubmitAsync([TableAction.Replace(Json(organisation, row.RowKey, next), row.ETag)], cancellationToken);
                return next;
            }
            catch (TablePreconditionException) when (attempt < 5)
            {
                // Changed meanwhile: apply the change to the new state.
            }
        }
    }

    public async Task<IReadOnlyList<SecretRotation>> ListRotationsAsync(string organisation, string secretId, CancellationToken cancellationToken)
    {
        var prefix = Key("q", secretId) + TableKeys.Separator;
        var rotations = new List<SecretRotation>();
        await foreach (var row in Table.QueryAsync(organisation, prefix, TableKeys.PrefixEnd(prefix), cancellationToken))
        {
            if (await GetRotationAsync(organisation, row.Text("RotationId"), cancellationToken) is { } rotation)
            {
                rotations.Add(rotation);
            }
        }

        return rotations;
    }
}
