import type { Locale } from '../common/locale';
import type { MaintenanceWindow } from '../common/maintenance-window';
import type { TenantNode, TenantSimulation, TenantState } from './tenant.entity';

/**
 * The statuses of an open update task: OPEN_STATUSES of updates/task-status.ts, repeated here
 * because tenants sit below updates (src/updates/task-status.spec.ts checks that both agree).
 */
export const PENDING_TASK_STATUSES = ['held', 'scheduled', 'running'] as const;

/** The tenant's open (held, scheduled or running) update task, as tenant lists show it. */
export interface PendingTask {
  id: string;
  status: (typeof PENDING_TASK_STATUSES)[number];
  runAt: Date;
  targetVersion: string;
  mode: string;
  forced: boolean;
}

/** A tenant as the service works with it: the row plus its open update task, if any. */
export interface Tenant {
  id: string;
  seq: string;
  partnerId: string;
  platformId: string;
  name: string;
  softwareVersion: string;
  customerEmail: string | null;
  locale: Locale;
  timezone: string;
  maintenanceWindow: MaintenanceWindow;
  autoUpdateAllowed: boolean;
  customizations: boolean;
  nodes: TenantNode[];
  tags: string[];
  simulate: TenantSimulation | null;
  state: TenantState;
  /** The secret in the address of the tenant's calendar feed (rotated on request). */
  calendarToken: string;
  pendingUpdate: boolean;
  pendingTask: PendingTask | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewTenant = Omit<
  Tenant,
  'seq' | 'state' | 'calendarToken' | 'pendingUpdate' | 'pendingTask' | 'createdAt' | 'updatedAt'
>;

export type TenantChanges = Partial<
  Pick<
    Tenant,
    | 'name'
    | 'softwareVersion'
    | 'customerEmail'
    | 'locale'
    | 'timezone'
    | 'maintenanceWindow'
    | 'autoUpdateAllowed'
    | 'customizations'
    | 'nodes'
    | 'tags'
    | 'simulate'
    | 'state'
  >
>;
