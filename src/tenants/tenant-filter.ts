import type { SqlFilter } from '../database/sql';
import type { TenantState } from './tenant.entity';

/**
 * Which tenants a list or a request is about: the filters of GET /tenants, also the `filter` scope
 * of POST /update-tasks (selecting every tenant that matches). One SQL home for both.
 */
export interface TenantFilter {
  partnerId?: string;
  platformId?: string;
  softwareVersion?: string;
  pendingUpdate?: boolean;
  state?: TenantState;
  /** All of these tags. */
  tags?: string[];
  /** Part of the name, in any letter case. */
  search?: string;
}

/** The tenant (alias `t`) has an open update task (update_task.is_open: src/updates/task-status.ts). */
export const HAS_OPEN_TASK = `EXISTS (SELECT 1 FROM update_task u WHERE u.tenant_id = t.id AND u.is_open)`;

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Adds the conditions of `filter` on tenants aliased `t`. */
export function addTenantFilter(f: SqlFilter, filter: TenantFilter): SqlFilter {
  f.addIf(filter.partnerId, 't.partner_id = ?')
    .addIf(filter.platformId, 't.platform_id = ?')
    .addIf(filter.softwareVersion, 't.software_version = ?')
    .addIf(filter.state, 't.state = ?');
  if (filter.tags?.length) f.add('t.tags @> ?::text[]', filter.tags);
  if (filter.search) f.add('t.name ILIKE ?', likePattern(filter.search));
  if (filter.pendingUpdate !== undefined) {
    f.add(filter.pendingUpdate ? HAS_OPEN_TASK : `NOT ${HAS_OPEN_TASK}`);
  }
  return f;
}
