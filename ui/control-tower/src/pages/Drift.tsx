import { useState } from 'react';
import { Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { LineChart } from '@mantine/charts';
import { useSearchParams } from 'react-router-dom';
import { download, getJson, postJson } from '../api/client';
import type { DriftHeatmap, Trends } from '../api/types';
import { useAuth } from '../auth';
import { AssetTable } from '../components/AssetTable';
import { Heatmap } from '../components/Heatmap';
import { Failure } from '../components/common';
import { useLoad } from '../hooks';

const palette = ['indigo.8', 'teal.8', 'orange.8', 'grape.8', 'cyan.8', 'pink.8', 'lime.8', 'red.8', 'blue.8'];

export default function Drift() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const site = params.get('site');
  const environment = params.get('environment');
  const [groupBy, setGroupBy] = useState('environment');
  const [exportError, setExportError] = useState<Error>();
  const heatmap = useLoad(() => getJson<DriftHeatmap>('/api/v1/drift/heatmap'), []);
  const trends = useLoad(() => getJson<Trends>(`/api/v1/drift/trends?groupBy=${groupBy}`), [groupBy]);

  const series = (trends.data?.series ?? []).map((s) => ({ name: s.environment ?? s.platform ?? s.site ?? s.family ?? 'organisation', points: s.points }));
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p.at)))].sort();
  const chartData = times.map((t) => Object.fromEntries([['at', new Date(t).toLocaleDateString()], ...series.map((s) => [s.name, s.points.find((p) => p.at === t)?.coveragePercent ?? null])]));

  return (
    <Stack>
      <Title order={1}>Drift</Title>
      <Paper withBorder p="md">
        <Group justify="space-between">
          <Title order={2} size="h3">Coverage by site × environment</Title>
          {can('export:reports') && (
            <Button variant="default" size="xs" onClick={() => download('/api/v1/drift/outdated/export', 'outdated-assets.csv').catch(setExportError)}>
              Export outdated assets (CSV)
            </Button>
          )}
        </Group>
        <Failure error={heatmap.error ?? exportError} />
        {heatmap.data && <Heatmap heatmap={heatmap.data} selected={site && environment ? { site, environment } : null}
          onSelect={(s, e) => setParams({ site: s, environment: e })} />}
      </Paper>
      {site && environment && (
        <Paper withBorder p="md" data-testid="cell-assets">
          <Title order={2} size="h3">Assets in {site} · {environment}</Title>
          <AssetTable filters={{ site, environment }} limit={100} label={`Assets in ${site} ${environment}`} />
        </Paper>
      )}
      <Paper withBorder p="md">
        <Group justify="space-between">
          <Title order={2} size="h3">Trends (last 30 days)</Title>
          <Group>
            {can('export:reports') && (
              <Button variant="default" size="xs" onClick={() => postJson('/api/v1/drift/snapshots').then(trends.reload, setExportError)}>Take a snapshot now</Button>
            )}
            <SegmentedControl value={groupBy} onChange={setGroupBy} aria-label="Group trends by"
            data={['organisation', 'environment', 'platform', 'site', 'family'].map((v) => ({ value: v, label: v }))} />
          </Group>
        </Group>
        <Failure error={trends.error} />
        {chartData.length > 0
          ? <LineChart h={240} data={chartData} dataKey="at" unit=" %" yAxisProps={{ domain: [0, 100] }} connectNulls withLegend
              series={series.map((s, i) => ({ name: s.name, color: palette[i % palette.length] }))} />
          : <Text size="sm">No snapshots in this period yet; one is taken daily.</Text>}
      </Paper>
    </Stack>
  );
}
