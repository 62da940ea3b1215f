using Qlrf.Paging;

namespace Qlrf.Security;

/// <summary>Role bindings, keyed (organisation, id); a subject's bindings are read within its organisation only.</summary>
public interface IRoleBindingStore
{
    /// <summary>Adds a binding. Throws <see cref="Errors.ConflictException"/> when the subject already holds that role at that scope.</summary>
    Task AddAsync(RoleBinding binding, CancellationToken cancellationToken);

    Task<RoleBinding?> GetAsync(string organisation, string id, CancellationToken cancellationToken);

    /// <summary>Bindings in id order after <paramref name="afterId"/>, optionally of one subject.</summary>
    Task<Page<RoleBinding>> ListAsync(string organisation, string? subject, int limit, string? afterId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RoleBinding>> ListForSubjectAsync(string organisation, string subject, CancellationToken cancellationToken);

    /// <summary>Deletes a binding; false if there was none.</summary>
    Task<bool> DeleteAsync(string organisation, string id, CancellationToken cancellationToken);

    /// <summary>Whether anyone is bound to admin over the whole organisation.</summary>
    Task<bool> HasOrganisationAdminAsync(string organisation, CancellationToken cancellationToken);
}
