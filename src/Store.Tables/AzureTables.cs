using System.Collections.Concurrent;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Qlrf.Store.Tables;

/// <summary>
/// Azure glue: the storage account's tables, each named <paramref name="prefix"/> + its name and created if missing the
/// first time it is used (infra/ creates them up front).
/// </summary>
public sealed class AzureTables(TableServiceClient service, string prefix) : ITables
{
    private readonly ConcurrentDictionary<string, Lazy<ITable>> tables = new(StringComparer.Ordinal);

    /// <summary>The tables of <see cref="TableStoreOptions.Endpoint"/>, reached with the app's managed identity.</summary>
    public AzureTables(IOptions<TableStoreOptions> options, TokenCredential credential)
        : this(new TableServiceClient(options.Value.Endpoint, credential), options.Value.Prefix)
    {
    }

    public ITable this[string name] => tables.GetOrAdd(name, n => new Lazy<ITable>(() => Open(prefix + n))).Value;

    private AzureTable Open(string name)
    {
        var client = service.GetTableClient(name);
        client.CreateIfNotExists();
        return new AzureTable(client);
    }
}
