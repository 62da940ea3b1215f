using Qlrf.Json;
using Qlrf.Security;

namespace Qlrf.Store.Tables;

/// <summary>API keys and role bindings as row properties (a scope is written <c>organisation</c>, <c>project:x</c>, <c>environment:y</c>).</summary>
internal static class SecurityRows
{
    public static TableRow Write(ApiKey key, string rowKey)
    {
        var row = new TableRow(key.Organisation, rowKey)
        {
            ["Id"] = key.Id,
            ["Name"] = key.Name,
            ["Role"] = EnumText<Role>.Of(key.Role),
            ["Scope"] = key.Scope.ToString(),
            ["SecretHash"] = key.SecretHash,
            ["CreatedAt"] = key.CreatedAt,
            ["CreatedBy"] = key.CreatedBy,
            ["ExpiresAt"] = key.ExpiresAt,
            ["RevokedAt"] = key.RevokedAt,
            ["RevokedBy"] = key.RevokedBy,
        };
        return row;
    }

    public static ApiKey ReadApiKey(TableRow row) => new()
    {
        Organisation = row.PartitionKey,
        Id = row.Text("Id"),
        Name = row.Text("Name"),
        Role = Role(row),
        Scope = Scope(row),
        SecretHash = row.Text("SecretHash"),
        CreatedAt = row.GetDate("CreatedAt") ?? throw Missing(row, "CreatedAt"),
        CreatedBy = row.Text("CreatedBy"),
        ExpiresAt = row.GetDate("ExpiresAt") ?? throw Missing(row, "ExpiresAt"),
        RevokedAt = row.GetDate("RevokedAt"),
        RevokedBy = row.GetString("RevokedBy"),
    };

    public static TableRow Write(RoleBinding binding, string rowKey) => new(binding.Organisation, rowKey)
    {
        ["Id"] = binding.Id,
        ["Subject"] = binding.Subject,
        ["Role"] = EnumText<Role>.Of(binding.Role),
        ["Scope"] = binding.Scope.ToString(),
        ["CreatedAt"] = binding.CreatedAt,
        ["CreatedBy"] = binding.CreatedBy,
    };

    public static RoleBinding ReadBinding(TableRow row) => new()
    {
        Organisation = row.PartitionKey,
        Id = row.Text("Id"),
        Subject = row.Text("Subject"),
        Role = Role(row),
        Scope = Scope(row),
        CreatedAt = row.GetDate("CreatedAt") ?? throw Missing(row, "CreatedAt"),
        CreatedBy = row.Text("CreatedBy"),
    };

    private static Role Role(TableRow row) =>
        EnumText<Role>.TryParse(row.Text("Role"), out var role) ? role : throw new InvalidDataException($"Row {row.PartitionKey}/{row.RowKey} has an unknown role.");

    private static RoleScope Scope(TableRow row) =>
        RoleScope.TryParse(row.Text("Scope"), out var scope) ? scope : throw new InvalidDataException($"Row {row.PartitionKey}/{row.RowKey} has an unknown scope.");

    private static InvalidDataException Missing(TableRow row, string name) => new($"Row {row.PartitionKey}/{row.RowKey} has no '{name}'.");
}
