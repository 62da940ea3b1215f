// The certificates API's resources (/api/v1/certificates, /api/v1/certificate-rotations).
import { postJson, seg } from './client';

export interface Certificate {
  id: string; store: string; storeKind: string; name: string; environment: string; subject: string; issuer: string;
  thumbprint: string; serialNumber: string; notBefore: string; notAfter: string; subjectAlternativeNames: string[];
  signatureAlgorithm: string; keyType: string; keySize: number; version: string; enabled: boolean; chainValid?: boolean | null;
  protocol: string; seenAt: string;
}
export interface CertificateView { certificate: Certificate; bucket: string; daysLeft: number }
export interface CertificateSummary { total: number; expired: number; within7Days: number; within30Days: number; within90Days: number; later: number }
export interface CertificateAlert {
  id: string; certificateId: string; thumbprint: string; thresholdDays: number; notAfter: string; environment: string; raisedAt: string;
  acknowledgedBy?: string | null; acknowledgedAt?: string | null; comment?: string | null;
}
export interface CertificateUsage { certificateId: string; kind: string; target: string; environment: string; via: string; deployable: boolean }
export interface RotationStep { target: string; action: string; succeeded: boolean; detail?: string | null; at: string }
export interface RotationPlan {
  certificateId: string; currentThumbprint: string; environment: string; environments: string[];
  newVersion: { subject: string; subjectAlternativeNames: string[]; keyType: string; keySize: number; validityDays: number };
  waves: CertificateUsage[][]; requiredApprovals: number; autoApproved: boolean;
  risk: { score: number; level: string; contributions: { factor: string; value: number; weight: number; points: number; reason: string }[] };
}
export interface CertificateRotation {
  id: string; certificateId: string; requestedBy: string; reason?: string | null; validityDays?: number | null; createdAt: string; status: string;
  plan?: RotationPlan | null; approvalId?: string | null; previousThumbprint?: string | null; newThumbprint?: string | null; newNotAfter?: string | null;
  steps: RotationStep[]; error?: string | null; completedAt?: string | null;
}
export interface CertificateDetail {
  certificate: Certificate; bucket: string; daysLeft: number; usages: number; usagesByEnvironment: Record<string, number>;
  alerts: CertificateAlert[]; latestRotation?: CertificateRotation | null;
}
export interface CertificateUsageView { certificateId: string; total: number; byEnvironment: Record<string, number>; byKind: Record<string, number>; usages: CertificateUsage[] }

export const buckets: { key: keyof Omit<CertificateSummary, 'total'>; label: string; colour: string }[] = [
  { key: 'expired', label: 'Expired', colour: 'red' },
  { key: 'within7Days', label: 'Within 7 days', colour: 'red' },
  { key: 'within30Days', label: 'Within 30 days', colour: 'yellow' },
  { key: 'within90Days', label: 'Within 90 days', colour: 'blue' },
  { key: 'later', label: 'Later', colour: 'green' },
];

export const rotationDone = (status: string) => ['succeeded', 'rolled_back', 'rejected', 'expired', 'cancelled', 'failed'].includes(status);

export const acknowledgeAlert = (id: string, comment: string) =>
  postJson<CertificateAlert>(`/api/v1/certificates/alerts/${seg(id)}/acknowledge`, { comment: comment || undefined });

export const startRotation = (certificateId: string, reason: string, validityDays?: number) =>
  postJson<CertificateRotation>(`/api/v1/certificates/${seg(certificateId)}/rotations`, { reason: reason || undefined, validityDays },
    { 'Idempotency-Key': crypto.randomUUID() });

export const decideRotation = (id: string, decision: 'approve' | 'reject', comment: string) =>
  postJson(`/api/v1/certificate-rotations/${seg(id)}/${decision}`, { comment });
