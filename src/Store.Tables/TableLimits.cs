namespace Qlrf.Store.Tables;

/// <summary>
/// Azure Table Storage's limits, checked before a batch is sent (<see cref="AzureTable"/>) so that a write Azure would
/// refuse fails the same way everywhere, Azurite included (it accepts some of these): a batch of 1 to 100 actions on
/// distinct rows of one partition and at most 4 MiB; keys of at most 1 KiB (UTF-16) without <c>/ \ # ?</c> or control
/// characters; at most 252 properties of the supported types; a string or binary of at most 64 KiB; a row of at most
/// 1 MiB, measured as Azure measures it.
/// </summary>
public static class TableLimits
{
    public const int MaxBatchActions = 100;

    public const int MaxBatchBytes = 4 * 1024 * 1024;

    public const int MaxRowBytes = 1024 * 1024;

    public const int MaxKeyBytes = 1024;

    public const int MaxProperties = 252;

    public const int MaxValueBytes = 64 * 1024;

    /// <summary>A row's size as Azure counts it: 4 bytes, keys in UTF-16, and per property 8 bytes, its name in UTF-16 and its value.</summary>
    public static long SizeOf(TableRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        long size = 4 + ((row.PartitionKey.Length + row.RowKey.Length) * 2L);
        foreach (var (name, value) in row.Properties)
        {
            if (value is not null)
            {
                size += 8 + (name.Length * 2L) + ValueSize(value);
            }
        }

        return size;
    }

    /// <summary>Throws <see cref="ArgumentException"/>, naming the rule, when Azure would refuse the batch.</summary>
    public static void Check(IReadOnlyList<TableAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxBatchActions)
        {
            throw new ArgumentException($"A batch takes 1 to {MaxBatchActions} actions, not {actions.Count}.", nameof(actions));
        }

        if (actions.Select(a => a.Row.PartitionKey).Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            throw new ArgumentException("A batch writes one partition only.", nameof(actions));
        }

        if (actions.Select(a => a.Row.RowKey).Distinct(StringComparer.Ordinal).Count() != actions.Count)
        {
            throw new ArgumentException("A batch writes each row once.", nameof(actions));
        }

        long total = 0;
        foreach (var row in actions.Select(a => a.Row))
        {
            CheckKey(row.PartitionKey);
            CheckKey(row.RowKey);
            var properties = row.Properties.Where(p => p.Value is not null).ToList();
            if (properties.Count > MaxProperties)
            {
                throw new ArgumentException($"Row {row.PartitionKey}/{row.RowKey} has {properties.Count} properties; a row holds at most {MaxProperties}.", nameof(actions));
            }

            foreach (var (name, value) in properties)
            {
                if (ValueSize(value!) - 4 > MaxValueBytes)
                {
                    throw new ArgumentException($"Property '{name}' of row {row.PartitionKey}/{row.RowKey} is over {MaxValueBytes / 1024} KiB.", nameof(actions));
                }
            }

            var size = SizeOf(row);
            if (size > MaxRowBytes)
            {
                throw new ArgumentException($"Row {row.PartitionKey}/{row.RowKey} is {size} bytes; a row holds at most 1 MiB.", nameof(actions));
            }

            total += size;
        }

        if (total > MaxBatchBytes)
        {
            throw new ArgumentException($"The batch is {total} bytes; a batch takes at most 4 MiB.", nameof(actions));
        }
    }

    /// <summary>The rows in batches that each fit <see cref="Check"/>'s count and size limits, in order.</summary>
    public static IEnumerable<List<TableRow>> Batches(IEnumerable<TableRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var batch = new List<TableRow>();
        long size = 0;
        foreach (var row in rows)
        {
            var rowSize = SizeOf(row);
            if (batch.Count == MaxBatchActions || (batch.Count > 0 && size + rowSize > MaxBatchBytes))
            {
                yield return batch;
                batch = [];
                size = 0;
            }

            batch.Add(row);
            size += rowSize;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static void CheckKey(string key)
    {
        if (key.Length * 2 > MaxKeyBytes)
        {
            throw new ArgumentException($"A key of {key.Length} characters is over 1 KiB: '{key[..40]}...'.", nameof(key));
        }

        if (key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"'{key}' is not a valid table key (no / \\ # ? or control characters).", nameof(key));
        }
    }

    private static long ValueSize(object value) => value switch
    {
        string s => 4 + (s.Length * 2L),
        byte[] b => 4 + b.LongLength,
        bool => 1,
        int => 4,
        long or double or DateTimeOffset or DateTime => 8,
        Guid => 16,
        _ => throw new ArgumentException($"A {value.GetType().Name} is not a type Table Storage stores.", nameof(value)),
    };
}
