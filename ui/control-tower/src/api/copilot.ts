// The AI copilot's resources (/api/v1/ai): a task is a prompt, its plan, the plan's validation, the results of the
// read-only tools, and the workflows it proposed once approved.
import { postJson, seg } from './client';

export interface AiToolCall { tool: string; arguments: Record<string, unknown> }
export interface AiScope {
  environments: string[]; sites: string[]; platforms: string[]; tags: Record<string, string>;
  imageFamily?: string | null; imageVersion?: string | null; drPair?: string | null; patchSet?: string | null;
}
export interface TaskSpec {
  intent: string; agent: string; scope: AiScope; parameters: Record<string, string>; toolCalls: AiToolCall[];
  risk: string; explanation: string; questions: string[]; refusal?: string | null;
}
export interface PlanProblem { check: string; message: string; toolIndex?: number | null; permission?: string | null }
export interface AiToolResult { index: number; tool: string; summary: string; output?: unknown; error?: string | null }
export interface AiProposal { index: number; kind: 'rollout' | 'drill' | string; id: string; status: string; finished: boolean; link?: string | null }
export interface AiDecision { actor: string; approved: boolean; comment: string; at: string }
export interface AiTask {
  id: string; status: string; prompt: string; requestedBy: string; createdAt: string; updatedAt: string; planner: string; autonomy: string;
  plan: TaskSpec; validation: { problems: PlanProblem[]; passed?: boolean }; environments: string[];
  results: AiToolResult[]; proposals: AiProposal[]; decision?: AiDecision | null; approvalDeadline?: string | null;
  usage: { inputTokens: number; outputTokens: number; calls: number }; summary?: string | null;
}
export interface AiTaskSummary { id: string; status: string; intent: string; risk: string; prompt: string; requestedBy: string; createdAt: string; summary?: string | null }

/** Statuses after which a task changes no more. */
export const taskFinished = (status: string) => ['completed', 'invalid', 'needs_clarification', 'refused', 'rejected', 'expired', 'failed'].includes(status);

export const askCopilot = (prompt: string, autonomy?: string) => postJson<AiTask>('/api/v1/ai/tasks', { prompt, autonomy: autonomy || undefined });

export const decideTask = (id: string, decision: 'approve' | 'reject', comment: string) =>
  postJson<AiTask>(`/api/v1/ai/tasks/${seg(id)}/${decision}`, { comment });
