using Microsoft.Data.Sqlite;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Paging;
using Qlrf.Security;

namespace Qlrf.Store.Sqlite;

/// <summary>Role bindings on the embedded store.</summary>
public sealed class SqliteRoleBindingStore(SqliteDatabase database) : IRoleBindingStore
{
    private const string Columns = "org, id, subject, role, scope, created_at, created_by";

    public async Task AddAsync(RoleBinding binding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        try
        {
            await database.WriteAsync((connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"INSERT INTO role_bindings ({Columns}) VALUES ($org, $id, $subject, $role, $scope, $created, $by)";
                command.Add("$org", binding.Organisation);
                command.Add("$id", binding.Id);
                command.Add("$subject", binding.Subject);
                command.Add("$role", EnumText<Role>.Of(binding.Role));
                command.Add("$scope", binding.Scope.ToString());
                command.Add("$created", SqliteValues.ToUnixMs(binding.CreatedAt));
                command.Add("$by", binding.CreatedBy);
                command.ExecuteNonQuery();
            }, cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new ConflictException($"'{binding.Subject}' already holds {EnumText<Role>.Of(binding.Role)} at {binding.Scope}.");
        }
    }

    public Task<RoleBinding?> GetAsync(string organisation, string id, CancellationToken cancellationToken) =>
        Task.FromResult(Query("WHERE org = $org AND id = $id", c => c.Add("$id", id), organisation).FirstOrDefault());

    public Task<Page<RoleBinding>> ListAsync(string organisation, string? subject, int limit, string? afterId, CancellationToken cancellationToken)
    {
        var items = Query(
            "WHERE org = $org AND ($subject IS NULL OR subject = $subject) AND ($after IS NULL OR id > $after) ORDER BY id LIMIT $n",
            c =>
            {
                c.Add("$subject", subject);
                c.Add("$after", afterId);
                c.Add("$n", limit + 1);
            },
            organisation);
        return Task.FromResult(SqliteQueue.Paging(items, limit, b => b.Id));
    }

    public Task<IReadOnlyList<RoleBinding>> ListForSubjectAsync(string organisation, string subject, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RoleBinding>>(Query("WHERE org = $org AND subject = $subject", c => c.Add("$subject", subject), organisation));

    public Task<bool> DeleteAsync(string organisation, string id, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM role_bindings WHERE org = $org AND id = $id";
            command.Add("$org", organisation);
            command.Add("$id", id);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    public Task<bool> HasOrganisationAdminAsync(string organisation, CancellationToken cancellationToken) =>
        Task.FromResult(Query(
            "WHERE org = $org AND role = $role AND scope = $scope LIMIT 1",
            c =>
            {
                c.Add("$role", EnumText<Role>.Of(Role.Admin));
                c.Add("$scope", RoleScope.Organisation.ToString());
            },
            organisation).Count > 0);

    private List<RoleBinding> Query(string where, Action<SqliteCommand> bind, string organisation)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM role_bindings {where}";
        command.Add("$org", organisation);
        bind(command);
        var bindings = new List<RoleBinding>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            bindings.Add(new RoleBinding
            {
                Organisation = reader.GetString(0),
                Id = reader.GetString(1),
                Subject = reader.GetString(2),
                Role = EnumText<Role>.Parse(reader.GetString(3)),
                Scope = RoleScope.Parse(reader.GetString(4)),
                CreatedAt = reader.GetTime(5),
                CreatedBy = reader.GetString(6),
            });
        }

        return bindings;
    }
}
