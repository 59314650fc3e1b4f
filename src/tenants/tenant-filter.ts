import { Range } from 'semver';
import type { Scope } from '../auth/caller';
import { BadRequestError, NotFoundError } from '../common/errors';
import type { SqlFilter } from '../database/sql';
import type { TenantState } from './tenant.entity';

/**
 * Which tenants a list or a request is about: the filters of GET /tenants, also the `filter` scope
 * of POST /update-tasks (selecting every tenant that matches). One SQL home for both.
 */
export interface TenantFilter {
  partnerId?: string;
  platformId?: string;
  /** A semver range of the installed version ("<14.0.0", "^13.2.0"); a version is itself a range. */
  softwareVersion?: string;
  pendingUpdate?: boolean;
  state?: TenantState;
  /** All of these tags. */
  tags?: string[];
  /** Part of the name, in any letter case. */
  search?: string;
}

/**
 * A filter in a request body names at most one owner, a partner or a platform, and only one the
 * caller may see (404 otherwise, as for any tenant outside its scope). Every query of the filter
 * also adds the caller's own partner: a partner admin's filter never reaches another's tenants.
 */
export function checkFilterOwner(caller: Scope, filter: TenantFilter, field = 'filter'): void {
  const { partnerId, platformId } = filter;
  if (partnerId && platformId) {
    const reason = 'give partnerId or platformId, not both (a partner is on one platform)';
    throw new BadRequestError(`A filter names a partner or a platform: ${reason}`, [
      { field: `${field}.partnerId`, reason },
      { field: `${field}.platformId`, reason },
    ]);
  }
  if (caller.partnerId && partnerId && caller.partnerId !== partnerId)
    throw new NotFoundError('Partner', partnerId);
  if (caller.platformId && platformId && caller.platformId !== platformId)
    throw new NotFoundError('Platform', platformId);
}

/** The tenant (alias `t`) has an open update task (update_task.is_open: src/updates/task-status.ts). */
export const HAS_OPEN_TASK = `EXISTS (SELECT 1 FROM update_task u WHERE u.tenant_id = t.id AND u.is_open)`;

/**
 * Every task of one tenant (alias `t`, the tenant id as parameter `param`): its open task is found
 * by the one-open-task index, its finished ones by `update_task_tenant_finished`; written as two
 * arms so the planner reads both indexes (migration 1796020500001).
 */
export function tenantTasks(param: string, alias = 't'): string {
  return `((${alias}.tenant_id = ${param} AND ${alias}.is_open)
    OR (${alias}.tenant_id = ${param} AND NOT ${alias}.is_open))`;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Adds the conditions of `filter` on tenants aliased `t`. */
export function addTenantFilter(f: SqlFilter, filter: TenantFilter): SqlFilter {
  f.addIf(filter.partnerId, 't.partner_id = ?')
    .addIf(filter.platformId, 't.platform_id = ?')
    .addIf(filter.state, 't.state = ?');
  if (filter.softwareVersion !== undefined) addVersionRange(f, filter.softwareVersion);
  if (filter.tags?.length) f.add('t.tags @> ?::text[]', filter.tags);
  if (filter.search) f.add('t.name ILIKE ?', likePattern(filter.search));
  if (filter.pendingUpdate !== undefined) {
    f.add(filter.pendingUpdate ? HAS_OPEN_TASK : `NOT ${HAS_OPEN_TASK}`);
  }
  return f;
}

const NUMBERS = '(t.version_major, t.version_minor, t.version_patch)';
const OPERATORS = new Set(['<', '<=', '>', '>=', '=']);

/**
 * Tenants whose installed version satisfies the semver range, as `semver.satisfies` decides (its
 * test compares the two), in SQL over the sortable version key of migration 1796020600001: a
 * range is comparator sets joined by OR; each comparator is one comparison of the key (a single
 * column, which PostgreSQL estimates from its histogram; a row comparison over the numbers was
 * estimated from the major alone and planned for one tenant); and, as in
 * semver, a pre-release version matches a set only if one of the set's comparators names a
 * pre-release of the same major.minor.patch.
 */
export function addVersionRange(f: SqlFilter, range: string): SqlFilter {
  const sets = new Range(range).set.map((comparators) => {
    const conditions: string[] = [];
    const preTuples: string[] = [];
    for (const c of comparators) {
      if (c.value === '') continue; // "*": any version
      const op = c.operator === '' ? '=' : c.operator;
      if (!OPERATORS.has(op)) throw new Error(`unexpected semver operator ${op}`);
      const { major, minor, patch, version, prerelease } = c.semver;
      conditions.push(`t.version_key ${op} tenant_version_key(${f.param(version)})`);
      if (prerelease.length > 0) {
        const [ma, mi, pa] = [major, minor, patch].map((n) => `${f.param(n)}::bigint`);
        preTuples.push(`(${ma}, ${mi}, ${pa})`);
      }
    }
    const release = `t.version_pre = '~'`;
    conditions.push(
      preTuples.length ? `(${release} OR ${NUMBERS} IN (${preTuples.join(', ')}))` : release,
    );
    return `(${conditions.join(' AND ')})`;
  });
  return f.add(`(${sets.join(' OR ')})`);
}
