import type { Locale } from '../common/locale';
import type { MaintenanceWindow } from '../common/maintenance-window';
import type { TenantNode, TenantSimulation, TenantState } from './tenant.entity';

/** The tenant's open (scheduled or running) update task, as tenant lists show it. */
export interface PendingTask {
  id: string;
  status: 'scheduled' | 'running';
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
  pendingUpdate: boolean;
  pendingTask: PendingTask | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewTenant = Omit<
  Tenant,
  'seq' | 'state' | 'pendingUpdate' | 'pendingTask' | 'createdAt' | 'updatedAt'
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
