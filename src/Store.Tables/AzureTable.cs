using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Qlrf.Store.Tables;

/// <summary>
/// Azure glue: <see cref="ITable"/> served by Azure.Data.Tables' <see cref="TableClient"/>. Every write goes through a
/// transaction (one partition, up to 100 actions, all or nothing); HTTP 409 becomes <see cref="TableConflictException"/>,
/// 412 and 404 <see cref="TablePreconditionException"/>. Null properties are left out of the entity. A batch Azure would
/// refuse (<see cref="TableLimits"/>) fails before it is sent.
/// </summary>
public sealed class AzureTable(TableClient client) : ITable
{
    public string Name => client.Name;

    public async Task<TableRow?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await client.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? ToRow(response.Value!) : null;
    }

    public IAsyncEnumerable<TableRow> QueryAsync(string partitionKey, string? fromRowKey, string? toRowKey, CancellationToken cancellationToken) =>
        QueryCoreAsync(Filter("PartitionKey", partitionKey, "RowKey", fromRowKey, toRowKey), cancellationToken);

    public IAsyncEnumerable<TableRow> ScanAsync(string? fromPartitionKey, string? toPartitionKey, CancellationToken cancellationToken) =>
        QueryCoreAsync(Filter(null, null, "PartitionKey", fromPartitionKey, toPartitionKey), cancellationToken);

    public async Task<IReadOnlyList<string?>> SubmitAsync(IReadOnlyList<TableAction> actions, CancellationToken cancellationToken)
    {
        TableLimits.Check(actions);
        var transaction = actions.Select(a => new TableTransactionAction(
            a.Kind switch
            {
                TableActionKind.Add => TableTransactionActionType.Add,
                TableActionKind.Replace => TableTransactionActionType.UpdateReplace,
                TableActionKind.Upsert => TableTransactionActionType.UpsertReplace,
                _ => TableTransactionActionType.Delete,
            },
            ToEntity(a.Row),
            a.ETag is null ? ETag.All : new ETag(a.ETag))).ToList();
        try
        {
            var responses = await client.SubmitTransactionAsync(transaction, cancellationToken);
            return responses.Value.Select((r, i) => actions[i].Kind == TableActionKind.Delete ? null : r.Headers.ETag?.ToString()).ToList();
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            throw new TableConflictException($"{client.Name}: a row of the batch exists already. {ex.Message}");
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            throw new TablePreconditionException($"{client.Name}: a row of the batch changed or is gone. {ex.Message}");
        }
    }

    private async IAsyncEnumerable<TableRow> QueryCoreAsync(string filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in client.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return ToRow(entity);
        }
    }

    private static string Filter(string? equalsProperty, string? equalsValue, string rangeProperty, string? from, string? to)
    {
        var parts = new List<string>();
        if (equalsProperty is not null)
        {
            parts.Add(equalsProperty + " " + TableClient.CreateQueryFilter($"eq {equalsValue}"));
        }

        if (from is not null)
        {
            parts.Add(rangeProperty + " " + TableClient.CreateQueryFilter($"ge {from}"));
        }

        if (to is not null)
        {
            parts.Add(rangeProperty + " " + TableClient.CreateQueryFilter($"lt {to}"));
        }

        return string.Join(" and ", parts);
    }

    private static TableEntity ToEntity(TableRow row)
    {
        var entity = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (name, value) in row.Properties.Where(p => p.Value is not null))
        {
            entity[name] = value;
        }

        return entity;
    }

    private static TableRow ToRow(TableEntity entity)
    {
        var row = new TableRow(entity.PartitionKey, entity.RowKey) { ETag = entity.ETag.ToString() };
        foreach (var (name, value) in entity.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
        {
            row[name] = value is DateTime d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : value;
        }

        return row;
    }
}
