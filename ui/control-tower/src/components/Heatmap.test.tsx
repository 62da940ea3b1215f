import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import type { DriftHeatmap, HeatmapCell } from '../api/types';
import { renderWithTheme } from '../test/render';
import { Heatmap } from './Heatmap';

const cell = (environment: string, compliant: number, total: number, rag: HeatmapCell['rag']): HeatmapCell => ({
  environment, total, compliant, outdated: total - compliant, ahead: 0, unknown: 0,
  coveragePercent: total ? (100 * compliant) / total : null, rag, maxDaysBehind: 0,
});

const heatmap: DriftHeatmap = {
  asOf: '2026-12-07T00:00:00Z',
  thresholds: { redBelow: 70, amberBelow: 90 },
  environments: ['dev', 'prod'],
  rows: [
    { site: 'dc-london', cells: [cell('dev', 9, 10, 'green'), cell('prod', 4, 10, 'red')] },
    { site: 'aws-us-east-1', cells: [null, cell('prod', 8, 10, 'amber')] },
  ],
};

afterEach(cleanup);

describe('Heatmap', () => {
  it('draws a cell per site and environment, labelled with its coverage and RAG', () => {
    renderWithTheme(<Heatmap heatmap={heatmap} />);
    const london = screen.getByRole('row', { name: /dc-london/ });
    expect(within(london).getByRole('button', { name: 'dc-london dev: 90.0 % 9/10 assets · green' })).toBeTruthy();
    expect(within(london).getByRole('button', { name: 'dc-london prod: 40.0 % 4/10 assets · red' })).toBeTruthy();
    const aws = screen.getByRole('row', { name: /aws-us-east-1/ });
    expect(within(aws).getAllByRole('button')).toHaveLength(1);
    expect(within(aws).getByText('—')).toBeTruthy();
  });

  it('colours each cell by its RAG', () => {
    renderWithTheme(<Heatmap heatmap={heatmap} />);
    const rags = screen.getAllByRole('button').map((b) => `${b.dataset.site}/${b.dataset.environment}=${b.dataset.rag}`);
    expect(rags).toEqual(['dc-london/dev=green', 'dc-london/prod=red', 'aws-us-east-1/prod=amber']);
    const red = screen.getByRole('button', { name: /dc-london prod/ }).closest('td')!;
    expect(red.getAttribute('style')).toContain('--mantine-color-red-2');
  });

  it('names the clicked cell and marks the selected one', () => {
    const onSelect = vi.fn();
    renderWithTheme(<Heatmap heatmap={heatmap} onSelect={onSelect} selected={{ site: 'aws-us-east-1', environment: 'prod' }} />);
    fireEvent.click(screen.getByRole('button', { name: /dc-london prod/ }));
    expect(onSelect).toHaveBeenCalledWith('dc-london', 'prod');
    expect(screen.getByRole('button', { name: /aws-us-east-1 prod/ }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: /dc-london prod/ }).getAttribute('aria-pressed')).toBe('false');
  });
});
