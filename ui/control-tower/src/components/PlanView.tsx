import { Alert, Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import type { PolicyVerdict, RolloutPlan } from '../api/types';

const levelColour: Record<string, string> = { low: 'green', medium: 'yellow', high: 'orange', critical: 'red' };

/** A dry run's plan and risk, shown before a rollout is confirmed: stages and batches, each factor's points, policies. */
export function PlanView({ plan }: { plan: RolloutPlan }) {
  const policies: PolicyVerdict[] = plan.explanation?.policies ?? [];
  const refused = plan.policy.violations.length > 0;
  const factors = [...plan.risk.contributions].sort((a, b) => b.points - a.points);
  return (
    <Stack data-testid="plan-view">
      <Group>
        <Text data-testid="plan-summary">{plan.target}: <b>{plan.assetCount}</b> assets to change, {plan.policy.alreadyOnTarget} already on target</Text>
        <Badge color={levelColour[plan.risk.level] ?? 'gray'} variant="light" c="dark" data-testid="risk-level">
          risk {plan.risk.level} ({plan.risk.score.toFixed(1)})
        </Badge>
        <Text size="sm">{plan.approvalRequirement.requiredApprovals} approval(s) needed</Text>
      </Group>
      {refused && (
        <Alert color="red" title="A policy would refuse this rollout" role="alert" data-testid="policy-violations">
          <List size="sm">{plan.policy.violations.map((v) => <List.Item key={v}>{v}</List.Item>)}</List>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="sm">
          <Title order={3} size="h4">Stages</Title>
          <Table aria-label="Plan stages">
            <Table.Thead><Table.Tr><Table.Th>Stage</Table.Th><Table.Th>Assets</Table.Th><Table.Th>Batches</Table.Th><Table.Th>First assets</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {plan.plan.map((s) => (
                <Table.Tr key={s.number} data-testid="plan-stage">
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td>{s.assetCount}</Table.Td>
                  <Table.Td>{s.batches.length}</Table.Td>
                  <Table.Td><Text size="xs">{s.batches.flat().slice(0, 3).join(', ')}{s.assetCount > 3 ? ` and ${s.assetCount - 3} more` : ''}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="sm">
          <Title order={3} size="h4">Risk factors</Title>
          <BarChart h={240} data={factors.map((f) => ({ factor: f.factor.replaceAll('_', ' '), points: f.points }))} dataKey="factor"
            orientation="vertical" yAxisProps={{ width: 160, interval: 0 }} series={[{ name: 'points', color: 'indigo.8' }]} />
          <Table aria-label="Risk factors">
            <Table.Thead><Table.Tr><Table.Th>Factor</Table.Th><Table.Th>Points</Table.Th><Table.Th>Reason</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {factors.map((f) => (
                <Table.Tr key={f.factor} data-testid="risk-factor">
                  <Table.Td>{f.factor.replaceAll('_', ' ')}</Table.Td>
                  <Table.Td>{f.points.toFixed(1)}</Table.Td>
                  <Table.Td><Text size="xs">{f.reason}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </SimpleGrid>
      {policies.length > 0 && (
        <Paper withBorder p="sm">
          <Title order={3} size="h4">Policies (version {plan.policy.version})</Title>
          <Table aria-label="Policy verdicts">
            <Table.Thead><Table.Tr><Table.Th>Rule</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Applies</Table.Th><Table.Th>Verdict</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {policies.map((p) => (
                <Table.Tr key={p.ruleId}>
                  <Table.Td>{p.ruleId}</Table.Td>
                  <Table.Td>{p.kind}</Table.Td>
                  <Table.Td>{p.applies ? 'yes' : 'no'}</Table.Td>
                  <Table.Td>{p.passed ? 'passed' : <Text c="red.9" size="sm">violated: {p.violations.join('; ')}</Text>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
