using System.Collections.Frozen;

namespace Qlrf.Security;

/// <summary>
/// The role matrix. Each role holds the permissions of the roles below it and adds its own; admin holds
/// every <see cref="Permission"/>, including any added later, so a new permission is admin-only until a
/// lower role is given it here.
/// </summary>
public static class RolePermissions
{
    private static readonly Permission[] ViewerAdds =
        [Permission.ReadDashboard, Permission.ReadDrift, Permission.ReadAssets, Permission.ReadImages, Permission.ExportReports, Permission.ReadCertificates, Permission.ReadEvidencePacks, Permission.ReadSecrets];

    private static readonly Permission[] OperatorAdds =
        [Permission.TriggerDrill, Permission.AcknowledgeAlerts, Permission.ExecuteTasks, Permission.ExecuteAiTasks];

    private static readonly Permission[] EngineerAdds =
        [Permission.ExecuteRollout, Permission.ManageImages, Permission.ApplyPatches, Permission.ApproveTasks, Permission.RotateCertificates, Permission.ApproveAiTasks, Permission.ExportEvidencePacks, Permission.RotateSecrets];

    private static readonly FrozenDictionary<Role, FrozenSet<Permission>> Matrix = new Dictionary<Role, FrozenSet<Permission>>
    {
        [Role.Viewer] = ViewerAdds.ToFrozenSet(),
        [Role.Operator] = ViewerAdds.Concat(OperatorAdds).ToFrozenSet(),
        [Role.Engineer] = ViewerAdds.Concat(OperatorAdds).Concat(EngineerAdds).ToFrozenSet(),
        [Role.Admin] = Enum.GetValues<Permission>().ToFrozenSet(),
    }.ToFrozenDictionary();

    public static IReadOnlySet<Permission> Of(Role role) =>
        Matrix.TryGetValue(role, out var permissions) ? permissions : FrozenSet<Permission>.Empty;

    public static bool Has(Role role, Permission permission) => Of(role).Contains(permission);
}
