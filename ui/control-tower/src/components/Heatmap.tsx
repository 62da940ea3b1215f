import { Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { DriftHeatmap, HeatmapCell } from '../api/types';
import { pct } from './common';

// Light fills with dark text: readable, and the RAG word is in each cell's label, not only its colour.
const fill: Record<string, string> = {
  red: 'var(--mantine-color-red-2)',
  amber: 'var(--mantine-color-yellow-2)',
  green: 'var(--mantine-color-green-2)',
};

export interface HeatmapProps {
  heatmap: DriftHeatmap;
  selected?: { site: string; environment: string } | null;
  onSelect?: (site: string, environment: string) => void;
}

/** Site × environment coverage, each cell coloured by its RAG; a cell is a button naming the assets behind it. */
export function Heatmap({ heatmap, selected, onSelect }: HeatmapProps) {
  return (
    <Table withTableBorder withColumnBorders aria-label="Coverage by site and environment" data-testid="heatmap">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Site</Table.Th>
          {heatmap.environments.map((e) => <Table.Th key={e} scope="col">{e}</Table.Th>)}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {heatmap.rows.map((row) => (
          <Table.Tr key={row.site}>
            <Table.Th scope="row">{row.site}</Table.Th>
            {heatmap.environments.map((env, i) => {
              const cell = row.cells[i] ?? null;
              return (
                <Table.Td key={env} p={0} style={{ background: cell?.rag ? fill[cell.rag] : undefined }}>
                  {cell ? <Cell site={row.site} cell={cell} onSelect={onSelect}
                    isSelected={selected?.site === row.site && selected?.environment === env} /> : <Text size="sm" p="xs">—</Text>}
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Cell({ site, cell, onSelect, isSelected }: { site: string; cell: HeatmapCell; onSelect?: HeatmapProps['onSelect']; isSelected: boolean }) {
  // The accessible name is the visible text with the cell's site and environment before it.
  return (
    <UnstyledButton w="100%" p="xs" onClick={() => onSelect?.(site, cell.environment)} aria-pressed={isSelected}
      data-site={site} data-environment={cell.environment} data-rag={cell.rag ?? ''}
      style={{ outline: isSelected ? '3px solid var(--mantine-color-dark-9)' : undefined, color: 'var(--mantine-color-dark-9)' }}>
      <VisuallyHidden>{site} {cell.environment}: </VisuallyHidden>
      <Text component="span" display="block" fw={700} size="sm">{pct(cell.coveragePercent)}</Text>{' '}
      <Text component="span" display="block" size="xs">{cell.compliant}/{cell.total} assets · {cell.rag ?? 'no RAG'}</Text>
    </UnstyledButton>
  );
}
