using System.Collections.Concurrent;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Qlrf.Store.Tables;

/// <summary>
/// Azure glue: the storage account's tables (<see cref="TableStoreOptions.Endpoint"/>), reached with the app's managed
/// identity; each is created if missing the first time it is used (infra/ creates them up front).
/// </summary>
public sealed class AzureTables(IOptions<TableStoreOptions> options, TokenCredential credential) : ITables
{
    private readonly TableServiceClient service = new(options.Value.Endpoint, credential);
    private readonly ConcurrentDictionary<string, Lazy<ITable>> tables = new(StringComparer.Ordinal);

    public ITable this[string name] => tables.GetOrAdd(name, n => new Lazy<ITable>(() => Open(options.Value.Prefix + n))).Value;

    private AzureTable Open(string name)
    {
        var client = service.GetTableClient(name);
        client.CreateIfNotExists();
        return new AzureTable(client);
    }
}
