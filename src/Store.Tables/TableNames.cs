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

    /// <summary>
    /// The golden image registry. Partition = org. Rows <c>f|{family}</c> (the family, and <c>Revision</c>: bumped by every
    /// change to its versions, so writes to a family are conditional on this row's ETag and drift keeps a baseline per
    /// revision), <c>v|{version id}</c> (the version with its releases, and how many transitions it has; a family's
    /// versions are the prefix <c>v|{family}@</c>), <c>t|{version id}|{seq}</c> (transitions, oldest first),
    /// <c>p|{family}</c> (the family's drift awaits re-evaluation: written in the transition's batch, deleted by drift
    /// upkeep conditional on its ETag), <c>lineage</c> (guard row of every lineage write) and <c>l|{child}|{parent}</c>
    /// (edges). Partition <c>|orgs</c>: a row per organisation with families (to find pending re-evaluations).
    /// </summary>
    public const string Images = "Images";

    /// <summary>
    /// Evidence of image versions. Partition = <c>{org}|{version id}</c>. Rows <c>scan|{scanner}</c> (the scanner's
    /// latest summary and the generation of its findings), <c>fs|{scanner}|{generation}|{part}</c> (findings, as JSON
    /// arrays split to fit a row), <c>sbom</c> and <c>c|{generation}|{part}</c> (the SBOM and its components, likewise),
    /// <c>b|{build id}</c> (builds). An import writes the new generation's parts, then switches the summary row to it
    /// (one write, so a reader sees the old import or the new one, never half), then deletes the old parts.
    /// </summary>
    public const string ImageEvidence = "ImageEvidence";

    /// <summary>
    /// Drift. An organisation's drift is spread over 16 partitions <c>{org}|d{00..15}</c> by a hash of the asset id; each
    /// holds rows <c>f|{family}|{asset}</c> (an asset's drift, keyed by family: one range per shard for a re-evaluation
    /// or a running-version query; its ETag guards every change to the asset), <c>r|{page}</c> (roster pages: which family
    /// each asset of the shard is under, to find its row by id) and <c>s</c> (the counters of every summary group over the
    /// shard's assets), written together in one batch, conditional on their ETags. Partition = org: row <c>thresholds</c>.
    /// Partition <c>|orgs</c>: a row per organisation that has had drift.
    /// </summary>
    public const string Drift = "Drift";

    /// <summary>
    /// Drift snapshots. Partition = org. Rows <c>s|{id}</c> (header: time, trigger, generation), <c>t|{taken at,
    /// ticks}|{id}</c> (the same, by time, for ranges and pruning) and <c>r|{id}|{generation}|{dimension}|{key}|{key2}</c>
    /// (a group's summary). A snapshot's rows are written before its header, so a reader never sees half of one.
    /// Partition <c>|orgs</c>: a row per organisation with snapshots (for pruning).
    /// </summary>
    public const string DriftSnapshots = "DriftSnapshots";

    /// <summary>
    /// DR pairs. Partition = org. Rows <c>p|{pair}</c> (the pair as JSON with its <c>Version</c>, the API's ETag) and
    /// <c>s|{pair}</c> (its next scheduled drill, <c>DueAt</c> in Unix ms: a row of its own, so the scheduler's claims
    /// and edits of the pair never contend; a pair's edit writes both rows in one batch, conditional on the pair row's
    /// ETag). Partition <c>|due</c> is the scheduler's index across organisations: rows <c>{due at, Unix ms, 19
    /// digits}|{org}|{pair}</c>, written before the schedule row they point at and checked against it when read, so a
    /// row left behind by a moved or deleted schedule is skipped and deleted.
    /// </summary>
    public const string DrPairs = "DrPairs";

    /// <summary>
    /// Drills. Partition = org. Rows <c>d|{drill}</c> (the record as JSON, with <c>Sequence</c> and <c>Finished</c>),
    /// <c>n|{inverted created at, Unix ms}|{drill}</c> and <c>q|{pair}|{inverted created at}|{drill}</c> (newest first,
    /// all and by pair; added in the record's batch), <c>live|{pair}</c> (the guard: the drill holding the pair, added
    /// in the new drill's batch, so a second live drill of the pair is a conflict; deleted in the batch that finishes
    /// its drill), <c>r|{drill}</c> (the report) and <c>last|{pair}</c> (the pair's last drill with a verdict, written
    /// in the finishing batch when newer).
    /// </summary>
    public const string Drills = "Drills";

    /// <summary>Partition = org. Row = pair id (the sandbox DR simulator's state document for the pair).</summary>
    public const string SandboxDrState = "SandboxDrState";

    /// <summary>Partition = org. Rows <c>t|{task}</c> (an AI task as JSON, with <c>Version</c>; ids sort newest first) and <c>u|{day}</c> (model token usage of the day).</summary>
    public const string AiTasks = "AiTasks";

    /// <summary>
    /// Rollouts. Partition = org: the index rows <c>k|{idempotency key}</c> (the guard: the rollout holding the key; adding
    /// it twice is a conflict, so a key makes one rollout), <c>n|{inverted created at, Unix ms}|{rollout}</c> (newest
    /// first) and <c>f|{family}|{created at, Unix ms}|{rollout}</c> (by family), added in one batch; <c>x|{target}</c>
    /// (policy exceptions). Partition = <c>{org}|{rollout}</c>: <c>rollout</c> (the rollout as JSON, replaced conditional
    /// on its ETag), <c>stages|{part}</c> (the plan's stages, JSON parts) and <c>a|{asset}</c> (each asset's result, with
    /// its plan <c>Position</c>). A rollout's row is written before its index batch, and deleted again if the key was
    /// taken; a plan's results are written before the rollout row that commits the plan.
    /// </summary>
    public const string Rollouts = "Rollouts";

    /// <summary>
    /// Certificates. Partition = org. Rows <c>c|{certificate}</c> (the certificate as a source last saw it),
    /// <c>e|{source}|{target}</c> (what a source's endpoint served), <c>r|{source}|{certificate}</c> (secret references),
    /// <c>u|{certificate}|{kind}|{target}</c> (usages, replaced after each sweep), <c>h|{certificate}|{inverted time}|{n}</c>
    /// (change history, newest first), <c>a|{alert}</c> (expiry alerts; added once, so a threshold alerts once),
    /// <c>o|{rotation}</c> (a rotation, replaced conditional on its ETag), <c>q|{certificate}|{inverted created}|{rotation}</c>
    /// (a certificate's rotations, newest first) and <c>k|{idempotency key}</c> (the guard: one rotation per key).
    /// </summary>
    public const string Certificates = "Certificates";

    /// <summary>
    /// Compliance results. Partition = <c>{org}|{check instance}</c>. Rows <c>run</c> (when the instance was last
    /// evaluated in full) and <c>o|{object id}</c> (an object's result: kind, passed, reason, environment, site, scope).
    /// A full evaluation upserts the new rows, deletes those no longer there, then writes <c>run</c>.
    /// </summary>
    public const string Compliance = "Compliance";

    /// <summary>Compliance snapshots. Partition = <c>{org}|{framework}</c>. Row = day (<c>yyyy-MM-dd</c>): the snapshot as JSON.</summary>
    public const string ComplianceSnapshots = "ComplianceSnapshots";

    /// <summary>
    /// Secrets, metadata only (never a value). Partition = org. Rows <c>s|{secret}</c> (the secret as a source last saw
    /// it), <c>h|{secret}|{inverted time}|{n}</c> (change history, newest first), <c>o|{rotation}</c> (a rotation,
    /// replaced conditional on its ETag), <c>q|{secret}|{inverted created}|{rotation}</c> (a secret's rotations, newest
    /// first) and <c>k|{idempotency key}</c> (the guard: one rotation per key).
    /// </summary>
    public const string Secrets = "Secrets";
}
