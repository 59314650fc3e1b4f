import type { Locale } from '../common/locale';
import type { MaintenanceWindow } from '../common/maintenance-window';
import type { TenantNode, TenantSimulation, TenantState } from './tenant.entity';

/** A tenant as the service works with it: the row plus whether an update task is open for it. */
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
  simulate: TenantSimulation | null;
  state: TenantState;
  pendingUpdate: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type NewTenant = Omit<Tenant, 'seq' | 'state' | 'pendingUpdate' | 'createdAt' | 'updatedAt'>;

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
    | 'simulate'
    | 'state'
  >
>;
