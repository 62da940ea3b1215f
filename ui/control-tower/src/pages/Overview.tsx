import { Anchor, Card, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { AreaChart, BarChart } from '@mantine/charts';
import { Link, useNavigate } from 'react-router-dom';
import { getJson, query } from '../api/client';
import { decideDrill, decideRollout } from '../api/actions';
import type { Drill, DriftHeatmap, DriftReport, FleetReadiness, ImageDetail, ImageFamily, Page, RolloutSummary, SeverityCounts, Trends } from '../api/types';
import { useAuth } from '../auth';
import type { CertificateSummary, CertificateView } from '../api/certificates';
import { Heatmap } from '../components/Heatmap';
import { DecisionButtons, Failure, pct, RagBadge, StatusBadge, secs } from '../components/common';
import { useLoad } from '../hooks';

const severities: (keyof SeverityCounts)[] = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];

/**
 * Every figure here comes from an aggregate endpoint or one page of a listing, so the first render costs the same
 * at 100k assets as at 300.
 */
export default function Overview() {
  const navigate = useNavigate();
  const { can } = useAuth();
  const drift = useLoad(() => getJson<DriftReport>('/api/v1/drift'), [], 30000);
  const heatmap = useLoad(() => getJson<DriftHeatmap>('/api/v1/drift/heatmap'), [], 30000);
  const trends = useLoad(() => getJson<Trends>('/api/v1/drift/trends?groupBy=organisation'), []);
  const readiness = useLoad(() => getJson<FleetReadiness>('/api/v1/dr/readiness'), [], 30000);
  const vulns = useLoad(loadProductionVulnerabilities, []);
  const org = drift.data?.organisation;
  const points = trends.data?.series[0]?.points ?? [];

  return (
    <Stack>
      <Title order={1}>Overview</Title>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder>
          <Text size="sm">Coverage (compliant ÷ assets)</Text>
          <Group align="baseline">
            <Text fz={36} fw={700} data-testid="coverage">{pct(org?.coveragePercent)}</Text>
            <RagBadge rag={org?.rag} />
          </Group>
          <Text size="sm" data-testid="coverage-counts">{org ? `${org.compliant} of ${org.total} assets compliant, ${org.outdated} outdated, ${org.ahead} ahead, ${org.unknown} unknown` : ''}</Text>
          <Failure error={drift.error} />
        </Card>
        <Card withBorder>
          <Text size="sm">DR readiness</Text>
          <Group align="baseline">
            <RagBadge rag={readiness.data?.status} />
            <Text size="sm" data-testid="dr-counts">{readiness.data ? `${readiness.data.green} green, ${readiness.data.amber} amber, ${readiness.data.red} red` : ''}</Text>
          </Group>
          {readiness.data?.pairs.map((p) => (
            <Text key={p.pairId} size="xs">{p.pairName}: {p.status} — {p.reasons.filter((r) => r.status !== 'green').map((r) => r.message).join(' ') || 'all checks green'}</Text>
          ))}
          <Failure error={readiness.error} />
        </Card>
        <Card withBorder>
          <Text size="sm">Vulnerabilities in production images (unique, by severity)</Text>
          {vulns.data && (
            <BarChart h={140} data={[Object.fromEntries([['set', 'production'], ...severities.map((s) => [s, vulns.data![s]])])]}
              dataKey="set" type="stacked" orientation="vertical" withYAxis={false}
              series={[{ name: 'critical', color: 'red.9' }, { name: 'high', color: 'orange.8' }, { name: 'medium', color: 'yellow.6' }, { name: 'low', color: 'blue.6' }, { name: 'negligible', color: 'gray.5' }, { name: 'unknown', color: 'gray.7' }]} />
          )}
          <Text size="xs" data-testid="vulnerabilities">{vulns.data ? severities.map((s) => `${s} ${vulns.data![s]}`).join(' · ') : ''}</Text>
          <Failure error={vulns.error} />
        </Card>
      </SimpleGrid>
      <Paper withBorder p="md">
        <Title order={2} size="h3">Coverage trend</Title>
        {points.length > 0 ? (
          <AreaChart h={180} data={points.map((p) => ({ at: new Date(p.at).toLocaleDateString(), coverage: p.coveragePercent ?? 0 }))}
            dataKey="at" series={[{ name: 'coverage', color: 'indigo.8' }]} yAxisProps={{ domain: [0, 100] }} unit=" %" />
        ) : <Text size="sm">No drift snapshots in the last 30 days yet; they are taken daily, and on demand from the Drift page.</Text>}
        <Failure error={trends.error} />
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h3">RAG by site × environment</Title>
        {heatmap.data && <Heatmap heatmap={heatmap.data} onSelect={(site, environment) => navigate(`/drift${query({ site, environment })}`)} />}
        <Failure error={heatmap.error} />
      </Paper>
      {can('read:certificates') && <ExpiringCertificates />}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <PendingApprovals />
        <LiveWork />
      </SimpleGrid>
    </Stack>
  );
}

/** The unique vulnerabilities of each family's production versions (one request per family, a handful). */
async function loadProductionVulnerabilities(): Promise<SeverityCounts> {
  const families = await getJson<ImageFamily[]>('/api/v1/images/families');
  const ids = [...new Set(families.flatMap((f) => Object.values(f.production).map((v) => `${f.name}@${v}`)))];
  const details = await Promise.all(ids.map((id) => getJson<ImageDetail>(`/api/v1/images/${encodeURIComponent(id)}`)));
  const sum: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, negligible: 0, unknown: 0 };
  for (const d of details) for (const s of severities) sum[s] += d.counts?.vulnerabilities[s] ?? 0;
  return sum;
}

function PendingApprovals() {
  const { me, can } = useAuth();
  const rollouts = useLoad(() => getJson<Page<RolloutSummary>>('/api/v1/rollouts?status=awaiting_approval&limit=20'), [], 5000);
  const drills = useLoad(() => getJson<Page<Drill>>('/api/v1/dr/drills?limit=20'), [], 5000);
  const waitingDrills = (drills.data?.items ?? []).filter((d) => d.status === 'awaiting_approval');
  const mayDecide = (requestedBy: string) => can('approve:tasks') && requestedBy !== me?.actor;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3">Pending approvals</Title>
      <Table aria-label="Pending approvals" data-testid="pending-approvals">
        <Table.Thead><Table.Tr><Table.Th>Change</Table.Th><Table.Th>Requested by</Table.Th><Table.Th>Risk</Table.Th><Table.Th>Decision</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {rollouts.data?.items.map((r) => (
            <Table.Tr key={r.id} data-testid="pending-approval" data-id={r.id}>
              <Table.Td><Anchor component={Link} to={`/rollouts/${encodeURIComponent(r.id)}`}>Rollout {r.target}</Anchor></Table.Td>
              <Table.Td>{r.requestedBy}</Table.Td>
              <Table.Td>{r.riskLevel ?? '—'}</Table.Td>
              <Table.Td>{mayDecide(r.requestedBy)
                ? <DecisionButtons label={`rollout ${r.target}`} onDecide={async (d, c) => { await decideRollout(r.id, d, c); rollouts.reload(); }} />
                : <Text size="xs">{can('approve:tasks') ? 'your own request' : 'needs approve:tasks'}</Text>}</Table.Td>
            </Table.Tr>
          ))}
          {waitingDrills.map((d) => (
            <Table.Tr key={d.id} data-testid="pending-approval" data-id={d.id}>
              <Table.Td><Anchor component={Link} to={`/dr/drills/${encodeURIComponent(d.id)}`}>Drill of {d.pairId}</Anchor></Table.Td>
              <Table.Td>{d.requestedBy}</Table.Td>
              <Table.Td>{d.kind.replaceAll('_', ' ')}</Table.Td>
              <Table.Td>{mayDecide(d.requestedBy)
                ? <DecisionButtons label={`drill of ${d.pairId}`} onDecide={async (x, c) => { await decideDrill(d.id, x, c); drills.reload(); }} />
                : <Text size="xs">{can('approve:tasks') ? 'your own request' : 'needs approve:tasks'}</Text>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rollouts.data && rollouts.data.items.length === 0 && waitingDrills.length === 0 && <Text size="sm">Nothing waits for approval.</Text>}
      <Failure error={rollouts.error ?? drills.error} />
    </Paper>
  );
}

function LiveWork() {
  const rollouts = useLoad(() => getJson<Page<RolloutSummary>>('/api/v1/rollouts?status=running&limit=20'), [], 3000);
  const drills = useLoad(() => getJson<Page<Drill>>('/api/v1/dr/drills?limit=20'), [], 3000);
  const liveDrills = (drills.data?.items ?? []).filter((d) => !d.finishedAt && d.status !== 'awaiting_approval');
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3">Running rollouts and drills</Title>
      <Stack gap="xs" data-testid="live-work">
        {rollouts.data?.items.map((r) => {
          const value = r.progress.total ? (100 * (r.progress.done + r.progress.failed)) / r.progress.total : 0;
          return (
            <div key={r.id}>
              <Group justify="space-between"><Anchor component={Link} to={`/rollouts/${encodeURIComponent(r.id)}`}>{r.target}</Anchor>
                <Text size="xs">wave {r.progress.wave}/{r.progress.waves} · {r.progress.done}/{r.progress.total} done, {r.progress.failed} failed</Text></Group>
              <Progress value={value} aria-label={`Rollout ${r.target} progress`} />
            </div>
          );
        })}
        {liveDrills.map((d) => (
          <Group key={d.id} justify="space-between">
            <Anchor component={Link} to={`/dr/drills/${encodeURIComponent(d.id)}`}>Drill of {d.pairId}</Anchor>
            <Text size="xs"><StatusBadge status={d.status} /> phase {d.phase.replaceAll('_', ' ')} · {secs(d.elapsedSeconds)}</Text>
          </Group>
        ))}
        {rollouts.data && rollouts.data.items.length === 0 && liveDrills.length === 0 && <Text size="sm">Nothing is running.</Text>}
      </Stack>
      <Failure error={rollouts.error ?? drills.error} />
    </Paper>
  );
}

/** Certificates expiring within 30 days (one page), beside the summary's buckets. */
function ExpiringCertificates() {
  const summary = useLoad(() => getJson<CertificateSummary>('/api/v1/certificates/summary'), [], 60000);
  const soon = useLoad(() => getJson<Page<CertificateView>>('/api/v1/certificates?expiringWithinDays=30&limit=10'), [], 60000);
  const s = summary.data;
  return (
    <Paper withBorder p="md" data-testid="expiring-certificates">
      <Group justify="space-between">
        <Title order={2} size="h3">Certificates expiring soon</Title>
        <Anchor component={Link} to="/certificates?expiringWithinDays=30">All certificates expiring within 30 days</Anchor>
      </Group>
      {s && <Text size="sm" data-testid="certificate-buckets">{s.expired} expired · {s.within7Days} within 7 days · {s.within30Days} within 30 days · {s.within90Days} within 90 days · {s.later} later ({s.total} in all)</Text>}
      <Table aria-label="Certificates expiring within 30 days">
        <Table.Thead><Table.Tr><Table.Th>Certificate</Table.Th><Table.Th>Environment</Table.Th><Table.Th>Days left</Table.Th><Table.Th>Expires</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {soon.data?.items.map(({ certificate: c, daysLeft }) => (
            <Table.Tr key={c.id} data-testid="expiring-certificate" data-id={c.id}>
              <Table.Td><Anchor component={Link} to={`/certificates/${encodeURIComponent(c.id)}`}>{c.id}</Anchor></Table.Td>
              <Table.Td>{c.environment}</Table.Td>
              <Table.Td>{daysLeft < 0 ? 'expired' : daysLeft}</Table.Td>
              <Table.Td>{new Date(c.notAfter).toLocaleDateString()}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {soon.data && soon.data.items.length === 0 && <Text size="sm">No certificate expires within 30 days.</Text>}
      <Failure error={summary.error ?? soon.error} />
    </Paper>
  );
}
