import { Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';
import { getJson } from '../api/client';
import type { DriftReport, Site } from '../api/types';
import { AssetTable } from '../components/AssetTable';
import { useLoad } from '../hooks';

const filterNames = ['platform', 'site', 'environment', 'imageFamily', 'state', 'tag'] as const;

/** The inventory, filterable (filters live in the address, so a filtered list can be shared) and paged. */
export default function Assets() {
  const [params, setParams] = useSearchParams();
  const facets = useLoad(async () => {
    const [drift, sites] = await Promise.all([getJson<DriftReport>('/api/v1/drift'), getJson<Site[]>('/api/v1/sites')]);
    return {
      platforms: drift.platforms.map((p) => p.platform!),
      environments: drift.environments.map((e) => e.environment!),
      families: (drift.families ?? []).map((f) => f.family!),
      sites: sites.map((s) => s.name),
    };
  }, []);
  const filters = Object.fromEntries(filterNames.map((n) => [n, params.get(n) ?? undefined]));
  const set = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const f = facets.data;
  return (
    <Stack>
      <Title order={1}>Assets</Title>
      <Group>
        <Select label="Platform" data={f?.platforms ?? []} value={filters.platform ?? null} onChange={(v) => set('platform', v)} clearable />
        <Select label="Site" data={f?.sites ?? []} value={filters.site ?? null} onChange={(v) => set('site', v)} clearable searchable />
        <Select label="Environment" data={f?.environments ?? []} value={filters.environment ?? null} onChange={(v) => set('environment', v)} clearable />
        <Select label="Image family" data={f?.families ?? []} value={filters.imageFamily ?? null} onChange={(v) => set('imageFamily', v)} clearable />
        <Select label="State" data={['unknown', 'pending', 'running', 'stopped', 'terminated']} value={filters.state ?? null} onChange={(v) => set('state', v)} clearable />
        <TextInput label="Tag (key:value)" defaultValue={filters.tag ?? ''} onBlur={(e) => set('tag', e.currentTarget.value.trim() || null)} />
      </Group>
      <AssetTable filters={filters} label="Assets" />
    </Stack>
  );
}
