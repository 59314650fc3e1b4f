import type { UpdateMode } from './planning';
import type { TaskStatus } from './task-status';

export const TASK_KINDS = ['update', 'rollback'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export interface UpdateTask {
  id: string;
  batchId: string;
  tenantId: string;
  /** Read with the task for lists and the API; null where a query does not need it. */
  tenantName: string | null;
  partnerId: string;
  platformId: string;
  fromVersion: string;
  targetVersion: string;
  mode: UpdateMode;
  runAt: Date;
  expiresAt: Date | null;
  expectedDurationMinutes: number;
  forced: boolean;
  redeploy: boolean;
  notifyPartner: boolean;
  notifyCustomer: boolean;
  allowDowngrade: boolean;
  kind: TaskKind;
  /** The versions applied in turn, the installed one first and the target last. */
  path: string[];
  rollbackOf: string | null;
  rollbackOnFailure: boolean;
  rolledBack: boolean;
  status: TaskStatus;
  attempts: number;
  progressStep: string | null;
  progressPercent: number;
  progressEta: Date | null;
  error: string | null;
  cancelReason: string | null;
  noticeSequence: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** The rollout the task belongs to, and its wave (0 = the first); null for a plain batch. */
  rolloutId: string | null;
  wave: number | null;
}

/** The options shared by every task of one request. */
export interface TaskOptions {
  targetVersion: string;
  mode: UpdateMode;
  expectedDurationMinutes: number;
  forced: boolean;
  redeploy: boolean;
  notifyPartner: boolean;
  notifyCustomer: boolean;
  allowDowngrade: boolean;
  rollbackOnFailure: boolean;
  createdBy: string;
}

/** A new time for an existing task (reschedule, maintenance, expired window). */
export interface TaskMove {
  id: string;
  mode: UpdateMode;
  runAt: Date;
  expiresAt: Date | null;
  /** Unchanged when absent. */
  expectedDurationMinutes?: number;
}
