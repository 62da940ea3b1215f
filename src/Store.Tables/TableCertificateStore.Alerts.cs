using Qlrf.Certificates;
using Qlrf.Errors;

namespace Qlrf.Store.Tables;

public sealed partial class TableCertificateStore
{
    public async Task<bool> RaiseAlertAsync(CertificateAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        try
        {
            await Table.SubmitAsync([TableAction.Add(Json(alert.Organisation, Key("a", alert.Id), alert))], cancellationToken);
            return true;
        }
        catch (TableConflictException)
        {
            return false;
        }
    }

    public async Task<IReadOnlySet<string>> RaisedAlertIdsAsync(string organisation, string certificateId, CancellationToken cancellationToken) =>
        (await ReadAsync<CertificateAlert>(organisation, "a" + TableKeys.Separator, cancellationToken)).Where(a => a.CertificateId == certificateId).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);

    public async Task<IReadOnlyList<CertificateAlert>> ListAlertsAsync(string organisation, bool includeAcknowledged, CancellationToken cancellationToken) =>
        [.. (await ReadAsync<CertificateAlert>(organisation, "a" + TableKeys.Separator, cancellationToken))
            .Where(a => includeAcknowledged || !a.Acknowledged).OrderByDescending(a => a.RaisedAt).ThenBy(a => a.Id, StringComparer.Ordinal)];

    public async Task<CertificateAlert?> GetAlertAsync(string organisation, string alertId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, Key("a", alertId), cancellationToken) is { } row ? JsonColumns.Read<CertificateAlert>(row) : null;

    public Task SaveAlertAsync(CertificateAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return Table.SubmitAsync([TableAction.Replace(Json(alert.Organisation, Key("a", alert.Id), alert), null)], cancellationToken);
    }

    public async Task<(CertificateRotation Rotation, bool Created)> CreateRotationAsync(CertificateRotation rotation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        var org = rotation.Organisation;
        if (rotation.IdempotencyKey is { } key)
        {
            try
            {
                var guard = new TableRow(org, Key("k", key)) { ["RotationId"] = rotation.Id };
                await Table.SubmitAsync([TableAction.Add(guard)], cancellationToken);
            }
            catch (TableConflictException)
            {
                var holder = (await Table.GetAsync(org, Key("k", key), cancellationToken))!.Text("RotationId");
                return (await GetRotationAsync(org, holder, cancellationToken) ?? throw new NotFoundException($"Rotation '{holder}' was not found."), false);
            }
        }

        var index = new TableRow(org, Key("q", rotation.CertificateId, TableKeys.Descending(rotation.CreatedAt.UtcTicks), rotation.Id)) { ["RotationId"] = rotation.Id };
        await Table.SubmitAsync([TableAction.Add(Json(org, Key("o", rotation.Id), rotation)), TableAction.Upsert(index)], cancellationToken);
        return (rotation, true);
    }

    public async Task<CertificateRotation?> GetRotationAsync(string organisation, string rotationId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, Key("o", rotationId), cancellationToken) is { } row ? JsonColumns.Read<CertificateRotation>(row) : null;

    public async Task<CertificateRotation> UpdateRotationAsync(string organisation, string rotationId, Func<CertificateRotation, CertificateRotation> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var row = await Table.GetAsync(organisation, Key("o", rotationId), cancellationToken) ?? throw new NotFoundException($"Rotation '{rotationId}' was not found.");
            var next = change(JsonColumns.Read<CertificateRotation>(row));
            try
            {
                await Table.SubmitAsync([TableAction.Replace(Json(organisation, row.RowKey, next), row.ETag)], cancellationToken);
                return next;
            }
            catch (TablePreconditionException) when (attempt < 5)
            {
                // Changed meanwhile; read it again.
            }
        }
    }

    public async Task<IReadOnlyList<CertificateRotation>> ListRotationsAsync(string organisation, string certificateId, CancellationToken cancellationToken)
    {
        var prefix = Key("q", certificateId) + TableKeys.Separator;
        var rotations = new List<CertificateRotation>();
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
