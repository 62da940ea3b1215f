import { postJson, seg } from './client';

export const decideRollout = (id: string, decision: 'approve' | 'reject', comment: string) =>
  postJson(`/api/v1/rollouts/${seg(id)}/${decision}`, { comment });

export const decideDrill = (id: string, decision: 'approve' | 'reject', comment: string) =>
  postJson(`/api/v1/dr/drills/${seg(id)}/${decision}`, { comment });
