import { useMemo, useState } from 'react';
import { Alert, Button, Group, MultiSelect, NumberInput, Paper, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import { getJson, postJson } from '../api/client';
import type { DriftReport, ImageFamily, RolloutPlan, Site } from '../api/types';
import { useAuth } from '../auth';
import { PlanView } from '../components/PlanView';
import { Failure } from '../components/common';
import { useLoad } from '../hooks';

/** Start a rollout: the form, then the dry run's plan and risk (POST /api/v1/rollouts/plan), then confirm. */
export default function NewRollout() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const options = useLoad(async () => {
    const [families, drift, sites] = await Promise.all([
      getJson<ImageFamily[]>('/api/v1/images/families'), getJson<DriftReport>('/api/v1/drift'), getJson<Site[]>('/api/v1/sites')]);
    return { families, environments: drift.environments.map((e) => e.environment!), platforms: drift.platforms.map((p) => p.platform!), sites: sites.map((s) => s.name) };
  }, []);
  const [family, setFamily] = useState<string | null>(null);
  const [version, setVersion] = useState<string | null>(null);
  const [environments, setEnvironments] = useState<string[]>([]);
  const [sites, setSites] = useState<string[]>([]);
  const [platforms, setPlatforms] = useState<string[]>([]);
  const [canaryCount, setCanaryCount] = useState<number | string>(1);
  const [waves, setWaves] = useState('50,100');
  const [batchSize, setBatchSize] = useState<number | string>('');
  const [wait, setWait] = useState('00:00:05');
  const [autonomy, setAutonomy] = useState<string>('approve_all');
  const [windowStart, setWindowStart] = useState('');
  const [windowEnd, setWindowEnd] = useState('');
  const [plan, setPlan] = useState<RolloutPlan>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const versions = useLoad(async () => family
    ? (await getJson<{ versions: { version: string }[] }>(`/api/v1/images/families/${encodeURIComponent(family)}`)).versions.map((v) => v.version)
    : [], [family]);

  const body = useMemo(() => ({
    target: { imageFamily: family, imageVersion: version },
    scope: { environments, sites, platforms },
    strategy: {
      canaryCount: canaryCount === '' ? undefined : Number(canaryCount),
      waves: waves.split(',').map((w) => Number(w.trim())).filter((w) => !Number.isNaN(w)),
      batchSize: batchSize === '' ? undefined : Number(batchSize),
      waitBetweenWaves: wait || undefined,
    },
    schedule: windowStart && windowEnd ? { start: windowStart, end: windowEnd } : undefined,
    autonomy,
  }), [family, version, environments, sites, platforms, canaryCount, waves, batchSize, wait, windowStart, windowEnd, autonomy]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try { await action(); } catch (e) { setError(e as Error); } finally { setBusy(false); }
  };
  const dryRun = () => run(async () => setPlan(await postJson<RolloutPlan>('/api/v1/rollouts/plan', body)));
  const start = () => run(async () => {
    const created = await postJson<{ id: string }>('/api/v1/rollouts', body, { 'Idempotency-Key': crypto.randomUUID() });
    navigate(`/rollouts/${encodeURIComponent(created.id)}`);
  });
  const edit = <T,>(set: (v: T) => void) => (v: T) => { set(v); setPlan(undefined); };

  const o = options.data;
  return (
    <Stack>
      <Title order={1}>Start a rollout</Title>
      {!can('execute:rollout') && <Alert color="yellow" title="View only">Starting a rollout needs execute:rollout; you can still see the plan.</Alert>}
      <Failure error={options.error} />
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Select label="Image family" data={o?.families.map((f) => f.name) ?? []} value={family} onChange={(v) => { edit(setFamily)(v); setVersion(null); }} required />
          <Select label="Version" data={versions.data ?? []} value={version} onChange={edit(setVersion)} required />
          <Select label="Autonomy" data={['approve_all', 'canary_only', 'risk_based']} value={autonomy} onChange={(v) => edit(setAutonomy)(v ?? 'approve_all')} />
          <MultiSelect label="Environments" data={o?.environments ?? []} value={environments} onChange={edit(setEnvironments)} searchable />
          <MultiSelect label="Sites" data={o?.sites ?? []} value={sites} onChange={edit(setSites)} searchable />
          <MultiSelect label="Platforms" data={o?.platforms ?? []} value={platforms} onChange={edit(setPlatforms)} searchable />
          <NumberInput label="Canary count" min={0} value={canaryCount} onChange={edit(setCanaryCount)} />
          <TextInput label="Waves (cumulative %)" value={waves} onChange={(e) => edit(setWaves)(e.currentTarget.value)} />
          <NumberInput label="Batch size" description="empty: the risk's recommendation" min={1} value={batchSize} onChange={edit(setBatchSize)} />
          <TextInput label="Wait between waves" description="hh:mm:ss" value={wait} onChange={(e) => edit(setWait)(e.currentTarget.value)} />
          <TextInput label="Window start (UTC, optional)" placeholder="2026-12-08T22:00:00Z" value={windowStart} onChange={(e) => edit(setWindowStart)(e.currentTarget.value)} />
          <TextInput label="Window end (UTC, optional)" placeholder="2026-12-09T04:00:00Z" value={windowEnd} onChange={(e) => edit(setWindowEnd)(e.currentTarget.value)} />
        </SimpleGrid>
        <Group mt="md">
          <Button onClick={dryRun} loading={busy && !plan} disabled={!family || !version}>Show plan and risk</Button>
        </Group>
      </Paper>
      <Failure error={error} />
      {plan && (
        <Paper withBorder p="md">
          <Title order={2} size="h3">Plan and risk (dry run: nothing is stored or started)</Title>
          <PlanView plan={plan} />
          {can('execute:rollout') && (
            <Group mt="md">
              <Button onClick={start} loading={busy} disabled={plan.policy.violations.length > 0 || plan.assetCount === 0}>Confirm and start the rollout</Button>
            </Group>
          )}
        </Paper>
      )}
    </Stack>
  );
}
