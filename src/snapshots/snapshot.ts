/** Where a snapshot is: kept and restorable, being deleted by the expiry job, deleted, or not. */
export const SNAPSHOT_STATES = ['available', 'deleting', 'deleted', 'delete_failed'] as const;
export type SnapshotState = (typeof SNAPSHOT_STATES)[number];

/** What a backup step left behind: the executor's snapshot of one node before an update. */
export interface Snapshot {
  id: string;
  seq: string;
  externalId: string;
  platformId: string;
  tenantId: string;
  taskId: string;
  run: number;
  node: string | null;
  /** The version the node ran when the snapshot was taken: what a restore brings back. */
  version: string;
  takenAt: Date;
  expiresAt: Date;
  state: SnapshotState;
  pinned: boolean;
  deletedAt: Date | null;
  deleteAttempts: number;
  /** The executor's answer to the last delete (or why it failed). */
  deleteResult: string | null;
}

export interface SnapshotRow {
  id: string;
  seq: string;
  external_id: string;
  platform_id: string;
  tenant_id: string;
  task_id: string;
  run: number;
  node: string | null;
  version: string;
  taken_at: Date;
  expires_at: Date;
  state: SnapshotState;
  pinned: boolean;
  deleted_at: Date | null;
  delete_attempts: number;
  delete_result: string | null;
}

export const SNAPSHOT_COLUMNS = `s.id, s.seq, s.external_id, s.platform_id, s.tenant_id, s.task_id, s.run,
  s.node, s.version, s.taken_at, s.expires_at, s.state, s.pinned, s.deleted_at, s.delete_attempts,
  s.delete_result`;

export function toSnapshot(r: SnapshotRow): Snapshot {
  return {
    id: r.id,
    seq: r.seq,
    externalId: r.external_id,
    platformId: r.platform_id,
    tenantId: r.tenant_id,
    taskId: r.task_id,
    run: r.run,
    node: r.node,
    version: r.version,
    takenAt: r.taken_at,
    expiresAt: r.expires_at,
    state: r.state,
    pinned: r.pinned,
    deletedAt: r.deleted_at,
    deleteAttempts: r.delete_attempts,
    deleteResult: r.delete_result,
  };
}
