import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import type { AssetResult, RolloutDetail } from '../api/types';
import { renderWithTheme } from '../test/render';
import { RolloutProgress } from './RolloutProgress';

const result = (assetId: string, stage: number, batch: number, status: string): AssetResult => ({
  assetId, stage, batch, status, fromVersion: '1.0', toVersion: '2.0', changed: status === 'succeeded',
  health: status === 'succeeded' ? 'healthy' : undefined, durationMs: status === 'pending' ? undefined : 12,
});

const detail = (assets: AssetResult[], done: number, failed: number): RolloutDetail => ({
  rollout: {
    id: 'ro-1', status: 'running', target: 'web@2.0', autonomy: 'approve_all', requestedBy: 'key:a', createdAt: '2026-12-07T00:00:00Z',
    progress: { status: 'running', stage: 'wave 1', wave: 1, waves: 2, done, failed, total: 5, rolledBack: 0 },
  },
  strategy: { waves: [50, 100] },
  plan: [
    { number: 0, name: 'canary', isCanary: true, assetCount: 1, batches: [['a-1']] },
    { number: 1, name: 'wave 1', isCanary: false, assetCount: 4, batches: [['a-2', 'a-3'], ['a-4', 'a-5']] },
  ],
  risk: { score: 10, level: 'low', contributions: [] },
  policy: { version: 1, violations: [], alreadyOnTarget: 0, environments: ['dev'] },
  approvalRequirement: { requiredApprovals: 1, timeout: '1.00:00:00' },
  approvals: [],
  assets,
});

afterEach(cleanup);

describe('RolloutProgress', () => {
  it('fills stages and batches in from the per-asset results', () => {
    renderWithTheme(<RolloutProgress detail={detail([
      result('a-1', 0, 1, 'succeeded'), result('a-2', 1, 1, 'succeeded'), result('a-3', 1, 1, 'running'),
      result('a-4', 1, 2, 'pending'), result('a-5', 1, 2, 'pending'),
    ], 2, 0)} />);
    expect(screen.getAllByTestId('stage-counts').map((s) => s.textContent)).toEqual(['1/1', '1/4']);
    expect(screen.getAllByTestId('batch').map((b) => b.dataset.state)).toEqual(['succeeded', 'running', 'pending']);
    expect(screen.getByTestId('progress-counts').textContent).toBe('2/5 done, 0 failed');
    expect(screen.getByRole('progressbar', { name: 'canary 100%' })).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'wave 1 25%' })).toBeTruthy();
  });

  it('shows failures in their stage and batch, and a row per asset with its result', () => {
    renderWithTheme(<RolloutProgress detail={detail([
      result('a-1', 0, 1, 'succeeded'), result('a-2', 1, 1, 'failed'), result('a-3', 1, 1, 'succeeded'),
      result('a-4', 1, 2, 'succeeded'), result('a-5', 1, 2, 'succeeded'),
    ], 4, 1)} />);
    expect(screen.getAllByTestId('stage-counts').map((s) => s.textContent)).toEqual(['1/1', '4/4, 1 failed']);
    expect(screen.getAllByTestId('batch').map((b) => b.dataset.state)).toEqual(['succeeded', 'failed', 'succeeded']);
    const rows = screen.getAllByTestId('asset-result');
    expect(rows.map((r) => [r.querySelector('td')!.textContent, r.dataset.status])).toEqual([
      ['a-1', 'succeeded'], ['a-2', 'failed'], ['a-3', 'succeeded'], ['a-4', 'succeeded'], ['a-5', 'succeeded'],
    ]);
    expect(rows[1].textContent).toContain('wave 1');
  });
});
