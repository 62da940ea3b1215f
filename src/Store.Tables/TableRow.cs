namespace Qlrf.Store.Tables;

/// <summary>
/// One entity as Table Storage holds it: partition key, row key, the ETag of the stored version (null for a row not
/// yet written), and its properties (string, long, int, double, bool, DateTimeOffset, Guid, byte[]).
/// </summary>
public sealed class TableRow(string partitionKey, string rowKey)
{
    public string PartitionKey { get; } = partitionKey;

    public string RowKey { get; } = rowKey;

    public string? ETag { get; set; }

    public Dictionary<string, object?> Properties { get; } = new(StringComparer.Ordinal);

    public object? this[string name]
    {
        get => Properties.GetValueOrDefault(name);
        set => Properties[name] = value;
    }

    public string? GetString(string name) => this[name] as string;

    /// <summary>A string property the row must have.</summary>
    public string Text(string name) => GetString(name) ?? throw new InvalidDataException($"Row {PartitionKey}/{RowKey} has no '{name}'.");

    /// <summary>A whole-number property the row must have (stored as Int32 or Int64).</summary>
    public long Number(string name) => this[name] switch
    {
        long l => l,
        int i => i,
        _ => throw new InvalidDataException($"Row {PartitionKey}/{RowKey} has no number '{name}'."),
    };

    public DateTimeOffset? GetDate(string name) => this[name] switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        _ => null,
    };
}
