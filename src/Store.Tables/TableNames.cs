namespace Qlrf.Store.Tables;

/// <summary>
/// The tables of the stores (each prefixed with <see cref="TableStoreOptions.Prefix"/>; infra/app/storage.bicep creates
/// them). Every partition key starts with the organisation, so no query crosses tenants.
/// </summary>
public static class TableNames
{
    /// <summary>Partition = org. Rows <c>a|{id}</c> (the approval as JSON, <c>Version</c>), <c>s|{subject}|{created ticks}|{id}</c> (index by subject).</summary>
    public const string Approvals = "Approvals";

    /// <summary>Partition = org. Row = nonce (a spent signed-link nonce, with the approval id).</summary>
    public const string ApprovalLinks = "ApprovalLinks";

    /// <summary>Partition = org. Row = key id (the key as JSON; its secret hash only).</summary>
    public const string ApiKeys = "ApiKeys";

    /// <summary>Partition = org. Rows <c>b|{id}</c> (the binding), <c>g|{subject}|{role}|{scope}</c> (uniqueness and index by subject).</summary>
    public const string RoleBindings = "RoleBindings";

    /// <summary>Partition = org. Rows <c>head</c> (sequence and hash of the last entry), <c>e|{sequence, 19 digits}</c> (entries).</summary>
    public const string Audit = "Audit";

    /// <summary>
    /// Partition = org. Rows <c>d|{notification id}|{channel}</c> (a delivery), <c>s|{subject}|{notification id}|{channel}</c> (index by subject).
    /// Due deliveries are found through partition <c>due</c>: rows <c>{next attempt, ticks}|{org}|{notification id}|{channel}</c>.
    /// </summary>
    public const string Notifications = "Notifications";

    /// <summary>
    /// Partition = org. Rows <c>a|{asset}</c> (the asset as last applied, removed ones included), <c>h|{asset}|{inverted
    /// version}</c> (its history, newest first), <c>f|{facet}|{value}</c> (every site, environment and image family an
    /// asset has had, for rejecting unknown filter values; never removed, so a value no asset has any more still
    /// filters to nothing), <c>s|{site}</c> (sites, written by sweeps). An asset and its history entry are written in
    /// one batch, conditional on the asset row's ETag.
    /// </summary>
    public const string Inventory = "Inventory";

    /// <summary>
    /// Partition = org. Rows <c>r|{run}</c> (a sweep run), <c>n|{inverted start}|{run}</c> (runs newest first),
    /// <c>latest|{source}</c> and <c>succeeded|{source}</c> (each source's last finished and last successful run),
    /// <c>running|{source}</c> (the guard: one sweep per source), <c>p|{source}|{asset}</c> (the source's snapshot: hash,
    /// version, tombstone, content) and <c>o|{source}|{run}|...</c> (a finished run's commit not yet applied: its
    /// snapshot writes and events). Partition <c>running</c> lists every guard (<c>{org}|{source}</c>) for recovery.
    /// </summary>
    public const string Discovery = "Discovery";

    /// <summary>Partition = org. Row = asset id (the image version a sandbox executor set).</summary>
    public const string SandboxState = "SandboxState";
}
