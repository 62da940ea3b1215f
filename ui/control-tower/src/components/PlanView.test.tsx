import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import type { RolloutPlan } from '../api/types';
import { renderWithTheme } from '../test/render';
import { PlanView } from './PlanView';

const plan = (violations: string[] = []): RolloutPlan => ({
  target: 'ubuntu-2204-base@2026.10.1',
  autonomy: 'approve_all',
  assetCount: 5,
  strategy: { canaryCount: 1, waves: [50, 100] },
  plan: [
    { number: 0, name: 'canary', isCanary: true, assetCount: 1, batches: [['a-1']] },
    { number: 1, name: 'wave 1', isCanary: false, assetCount: 4, batches: [['a-2', 'a-3'], ['a-4', 'a-5']] },
  ],
  risk: {
    score: 36.5, level: 'medium',
    contributions: [
      { factor: 'versions_jumped', value: 0.6, weight: 10, points: 6, reason: 'up to 3 versions jumped' },
      { factor: 'environment_criticality', value: 1, weight: 25, points: 25, reason: 'most critical environment: prod' },
    ],
  },
  policy: { version: 3, violations, alreadyOnTarget: 7, environments: ['prod'] },
  approvalRequirement: { requiredApprovals: 2, timeout: '1.00:00:00' },
  explanation: {
    policies: [
      { ruleId: 'prod-requires-canary', kind: 'require_canary', environments: ['prod'], applies: true, passed: true, violations: [] },
      { ruleId: 'prod-maintenance-window', kind: 'maintenance_window', environments: ['prod'], applies: true, passed: violations.length === 0, violations },
    ],
  },
});

afterEach(cleanup);

describe('PlanView', () => {
  it('shows each stage with its assets and batches, the risk level and the approvals needed', () => {
    renderWithTheme(<PlanView plan={plan()} />);
    const stages = screen.getAllByTestId('plan-stage').map((r) => Array.from(r.querySelectorAll('td')).map((c) => c.textContent));
    expect(stages).toEqual([['canary', '1', '1', 'a-1'], ['wave 1', '4', '2', 'a-2, a-3, a-4 and 1 more']]);
    expect(screen.getByTestId('risk-level').textContent).toBe('risk medium (36.5)');
    expect(screen.getByTestId('plan-summary').textContent).toBe('ubuntu-2204-base@2026.10.1: 5 assets to change, 7 already on target');
    expect(screen.getByText('2 approval(s) needed')).toBeTruthy();
  });

  it('lists risk factors by their contribution, largest first, with their reasons', () => {
    renderWithTheme(<PlanView plan={plan()} />);
    const factors = screen.getAllByTestId('risk-factor').map((r) => Array.from(r.querySelectorAll('td')).map((c) => c.textContent));
    expect(factors).toEqual([
      ['environment criticality', '25.0', 'most critical environment: prod'],
      ['versions jumped', '6.0', 'up to 3 versions jumped'],
    ]);
  });

  it('warns with every violation when a policy would refuse the rollout, and not otherwise', () => {
    renderWithTheme(<PlanView plan={plan()} />);
    expect(screen.queryByTestId('policy-violations')).toBeNull();
    cleanup();
    renderWithTheme(<PlanView plan={plan(['changes to prod must start in a maintenance window'])} />);
    const alert = screen.getByTestId('policy-violations');
    expect(within(alert).getByText('changes to prod must start in a maintenance window')).toBeTruthy();
    const rule = screen.getByRole('row', { name: /prod-maintenance-window/ });
    expect(within(rule).getByText(/violated: changes to prod/)).toBeTruthy();
  });
});
