// The shapes of the /api/v1 resources the UI reads (camelCase JSON, enums as snake_case strings).

export type Rag = 'red' | 'amber' | 'green';
export interface Page<T> { items: T[]; nextCursor?: string | null }

export interface Me {
  organisation: string;
  actor: string;
  kind: string;
  grants: { role: string; scope: string }[];
  permissions: string[];
}

export interface CoverageCounts {
  total: number; compliant: number; outdated: number; ahead: number; unknown: number;
  coveragePercent: number | null; rag: Rag | null; maxDaysBehind: number;
}
export interface DriftGroup extends CoverageCounts {
  environment?: string; platform?: string; site?: string; family?: string;
  avgDaysBehind?: number; avgVersionsBehind?: number;
}
export interface DriftReport {
  asOf: string; thresholds: { redBelow: number; amberBelow: number };
  organisation: DriftGroup; environments: DriftGroup[]; platforms: DriftGroup[]; sites: DriftGroup[];
  siteEnvironments?: DriftGroup[]; families?: DriftGroup[];
}
export interface HeatmapCell extends CoverageCounts { environment: string }
export interface DriftHeatmap {
  asOf: string; thresholds: { redBelow: number; amberBelow: number };
  environments: string[]; rows: { site: string; cells: (HeatmapCell | null)[] }[];
}
export interface TrendPoint {
  at: string; total: number; compliant: number; outdated: number; ahead: number; unknown: number;
  coveragePercent: number | null; rag: Rag | null;
}
export interface Trends {
  from: string; to: string; groupBy: string; snapshots: number;
  series: { site?: string; environment?: string; platform?: string; family?: string; points: TrendPoint[];
    weekOverWeek?: { coverageChange: number | null } | null }[];
}

export interface Asset {
  id: string; name: string; platform: string; site: string; environment: string;
  image?: { family: string; version: string; reference?: string } | null;
  tags: Record<string, string>; state: string; health: string; source: string; version: number;
  firstSeenAt: string; lastChangedAt: string;
}
export interface AssetChange {
  version: number; kind: string; changedFields: string[]; detectedAt: string; appliedAt: string; sweepRunId?: string;
}
export interface AssetDrift {
  assetId: string; status: string; family?: string; version?: string; productionVersion?: string;
  versionsBehind?: number; daysBehind?: number; outdatedSince?: string;
}
export interface Site { name: string; platform: string; region?: string; kind?: string }

export interface SeverityCounts { unknown: number; negligible: number; low: number; medium: number; high: number; critical: number }
export interface ImageFamily {
  name: string; os: string; owner: string; description?: string; createdAt: string;
  production: Record<string, string>; versions: number;
}
export interface Release { platform: string; reference: string; status: string; promotedAt?: string; releasedAt?: string }
export interface ImageVersion { id: string; family: string; version: string; createdAt: string; createdBy: string; releases: Release[] }
export interface Transition {
  versionId: string; platform: string; from: string; to: string; actor: string; at: string; reason: string; rollback: boolean;
}
export interface ImageDetail {
  version: ImageVersion; transitions: Transition[];
  parents: { child: string; parent: string; relation: string }[];
  counts?: { vulnerabilities: SeverityCounts; findings: SeverityCounts } | null;
  sbom?: { format: string; specVersion: string; subject?: string; tool?: string; componentCount: number } | null;
}
export interface LineageNode { id: string; version: string; releases: Release[]; relation?: string; children?: LineageNode[] }
export interface Finding { id: string; package: string; installedVersion: string; fixedVersion?: string; severity: string }
export interface Component { name: string; version?: string; type?: string; purl?: string; licenses?: string }
export interface Deployment { assetId: string; name: string; platform: string; site: string; environment: string; drift: string }

export interface Progress {
  status: string; stage: string; wave: number; waves: number; done: number; failed: number; total: number; rolledBack: number;
}
export interface RolloutSummary {
  id: string; status: string; statusReason?: string; target: string; autonomy: string; requestedBy: string;
  createdAt: string; startedAt?: string; finishedAt?: string; riskLevel?: string; riskScore?: number; progress: Progress;
}
export interface Stage { number: number; name: string; isCanary: boolean; assetCount: number; batches: string[][] }
export interface RiskContribution { factor: string; value: number; weight: number; points: number; reason: string }
export interface Risk { score: number; level: string; contributions: RiskContribution[]; recommendedBatchSize?: number; recommendedWait?: string }
export interface PolicyVerdict { ruleId: string; kind: string; environments: string[]; applies: boolean; passed: boolean; violations: string[] }
export interface Strategy {
  canaryCount?: number; canaryPercent?: number; waves: number[]; batchSize?: number; waitBetweenWaves?: string;
  healthGate?: { maxFailurePercent: number; checks: string[] };
}
export interface RolloutPlan {
  target: string; autonomy: string; assetCount: number; strategy: Strategy; plan: Stage[]; risk: Risk;
  policy: { version: number; violations: string[]; alreadyOnTarget: number; environments: string[] };
  approvalRequirement: { requiredApprovals: number; timeout: string };
  explanation?: { policies?: PolicyVerdict[]; risk?: { band?: string } };
}
export interface Decision { actor: string; decision: string; comment: string; channel: string; at: string }
export interface Approval {
  id: string; status: string; requiredApprovals: number; environments: string[]; createdAt: string; expiresAt: string;
  closedAt?: string; decisions: Decision[];
}
export interface AssetResult {
  assetId: string; stage: number; batch: number; status: string; fromVersion?: string; toVersion?: string; changed: boolean;
  startedAt?: string; finishedAt?: string; health?: string; durationMs?: number; error?: string;
}
export interface RolloutDetail {
  rollout: RolloutSummary; strategy: Strategy; plan: Stage[]; risk: Risk;
  policy: { version: number; violations: string[]; alreadyOnTarget: number; environments: string[] };
  approvalRequirement: { requiredApprovals: number; timeout: string }; approvals: Approval[]; assets: AssetResult[];
}

export interface ReadinessReason { code: string; status: Rag; message: string }
export interface PairReadiness {
  pairId: string; pairName: string; status: Rag; reasons: ReadinessReason[]; replicationLagSeconds?: number; rpoTargetSeconds?: number;
}
export interface FleetReadiness { status: Rag; green: number; amber: number; red: number; pairs: PairReadiness[] }
export interface DrPair {
  id: string; name: string; primarySite: string; recoverySite: string; environment: string; replication: string;
  rtoTargetSeconds: number; rpoTargetSeconds: number; nextDrillAt?: string;
}
export interface Drill {
  id: string; pairId: string; kind: string; dryRun: boolean; trigger: string; requestedBy: string; createdAt: string;
  status: string; phase: string; elapsedSeconds: number; finishedAt?: string; rtoSeconds?: number; rpoSeconds?: number; summary?: string;
}
export interface DrillReport {
  drillId: string; outcome: string; summary: string;
  pair: { id: string; name: string; primarySite: string; recoverySite: string };
  phases: { phase: string; outcome: string; startedAt: string; finishedAt?: string; detail?: string }[];
  rto: { targetSeconds: number; measuredSeconds: number | null; met: boolean };
  rpo: { targetSeconds: number; measuredSeconds: number | null; met: boolean };
  workloads: string[];
}

export interface AuditEntry {
  sequence: number; time: string; actor: string; action: string; target: string; outcome: string; requestId: string;
  details: Record<string, string>; hash: string;
}
export interface AuditVerification { verified: boolean; checked: number; head?: { sequence: number; hash: string }; broken?: unknown }
