import { useState } from 'react';
import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { getJson, query } from '../api/client';
import type { Asset, Page } from '../api/types';
import { useLoad } from '../hooks';
import { Failure, Loading, StatusBadge } from './common';

/** One page of GET /api/v1/assets with the given filters, paged by cursor (Next / Previous). */
export function AssetTable({ filters, limit = 50, label }: { filters: Record<string, string | undefined>; limit?: number; label: string }) {
  const key = JSON.stringify(filters);
  const [cursors, setCursors] = useState<{ key: string; stack: string[] }>({ key, stack: [] });
  const stack = cursors.key === key ? cursors.stack : [];
  const cursor = stack[stack.length - 1];
  const page = useLoad(() => getJson<Page<Asset>>(`/api/v1/assets${query({ ...filters, limit, cursor })}`), [key, cursor]);
  return (
    <>
      <Loading when={page.loading && !page.data} />
      <Failure error={page.error} />
      <Table aria-label={label} data-testid="asset-table" striped>
        <Table.Thead>
          <Table.Tr><Table.Th>Asset</Table.Th><Table.Th>Platform</Table.Th><Table.Th>Site</Table.Th><Table.Th>Environment</Table.Th>
            <Table.Th>Image</Table.Th><Table.Th>State</Table.Th><Table.Th>Health</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {page.data?.items.map((a) => (
            <Table.Tr key={a.id} data-testid="asset-row" data-id={a.id}>
              <Table.Td><Anchor component={Link} to={`/assets/${encodeURIComponent(a.id)}`}>{a.id}</Anchor></Table.Td>
              <Table.Td>{a.platform}</Table.Td>
              <Table.Td>{a.site}</Table.Td>
              <Table.Td>{a.environment}</Table.Td>
              <Table.Td>{a.image ? `${a.image.family}@${a.image.version}` : '—'}</Table.Td>
              <Table.Td>{a.state}</Table.Td>
              <Table.Td><StatusBadge status={a.health} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {page.data && page.data.items.length === 0 && <Text size="sm">No assets match.</Text>}
      <Group>
        <Button variant="default" size="xs" disabled={stack.length === 0} onClick={() => setCursors({ key, stack: stack.slice(0, -1) })}>Previous page</Button>
        <Button variant="default" size="xs" disabled={!page.data?.nextCursor} onClick={() => setCursors({ key, stack: [...stack, page.data!.nextCursor!] })}>Next page</Button>
      </Group>
    </>
  );
}
