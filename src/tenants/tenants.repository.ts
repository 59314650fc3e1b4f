import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Scope } from '../auth/caller';
import type { PageRequest } from '../common/pagination';
import { SqlFilter, updateReturning } from '../database/sql';
import type { TenantState } from './tenant.entity';
import type { NewTenant, PendingTask, Tenant, TenantChanges } from './tenant';
import { addTenantFilter, type TenantFilter, tenantTasks } from './tenant-filter';

export type { TenantFilter } from './tenant-filter';

/** The tenants a bulk edit names: by ids or by the filters of GET /tenants. */
export type TenantSelection = { tenantIds: string[] } | { filter: TenantFilter };

/** The selected tenants (alias `t`), always within the caller's scope. */
function selectionFilter(scope: Scope, selection: TenantSelection): SqlFilter {
  const f = new SqlFilter().addIf(scope.partnerId, 't.partner_id = ?');
  return 'tenantIds' in selection
    ? f.add('t.id = ANY(?::uuid[])', selection.tenantIds)
    : addTenantFilter(f, selection.filter);
}

/** A tenant's tags after removing `remove` and adding `add` (kept in order, no repeats). */
function editedTags(f: SqlFilter, add: string[], remove: string[]): string {
  return `ARRAY(SELECT x FROM unnest(t.tags) WITH ORDINALITY AS a (x, n)
                WHERE x <> ALL(${f.param(remove)}::text[]) ORDER BY n)
       || ARRAY(SELECT x FROM unnest(${f.param(add)}::text[]) WITH ORDINALITY AS a (x, n)
                WHERE x <> ALL(t.tags) ORDER BY n)`;
}

const COLUMNS = `t.id, t.seq::text AS seq, t.partner_id, t.platform_id, t.name, t.software_version,
  t.customer_email, t.locale, t.timezone, t.window_cron, t.window_duration_minutes, t.window_timezone,
  t.auto_update_allowed, t.customizations, t.nodes, t.tags, t.simulate, t.state, t.calendar_token,
  t.created_at, t.updated_at, o.id AS open_task_id, o.status AS open_task_status, o.run_at AS open_task_run_at,
  o.target_version AS open_task_target_version, o.mode AS open_task_mode,
  o.forced AS open_task_forced`;

/** Tenants with their open task (at most one: the update_task_one_open_per_tenant index). */
const FROM = `tenant t LEFT JOIN update_task o ON o.tenant_id = t.id AND o.is_open`;

interface TenantRow {
  id: string;
  seq: string;
  partner_id: string;
  platform_id: string;
  name: string;
  software_version: string;
  customer_email: string | null;
  locale: Tenant['locale'];
  timezone: string;
  window_cron: string;
  window_duration_minutes: number;
  window_timezone: string;
  auto_update_allowed: boolean;
  customizations: boolean;
  nodes: Tenant['nodes'];
  tags: string[];
  simulate: Tenant['simulate'];
  state: TenantState;
  calendar_token: string;
  created_at: Date;
  updated_at: Date;
  open_task_id: string | null;
  open_task_status: PendingTask['status'] | null;
  open_task_run_at: Date | null;
  open_task_target_version: string | null;
  open_task_mode: string | null;
  open_task_forced: boolean | null;
}

function pendingTask(r: TenantRow): PendingTask | null {
  if (!r.open_task_id || !r.open_task_status || !r.open_task_run_at) return null;
  return {
    id: r.open_task_id,
    status: r.open_task_status,
    runAt: r.open_task_run_at,
    targetVersion: r.open_task_target_version ?? '',
    mode: r.open_task_mode ?? '',
    forced: r.open_task_forced ?? false,
  };
}

function toTenant(r: TenantRow): Tenant {
  return {
    id: r.id,
    seq: r.seq,
    partnerId: r.partner_id,
    platformId: r.platform_id,
    name: r.name,
    softwareVersion: r.software_version,
    customerEmail: r.customer_email,
    locale: r.locale,
    timezone: r.timezone,
    maintenanceWindow: {
      cron: r.window_cron,
      durationMinutes: r.window_duration_minutes,
      timezone: r.window_timezone,
    },
    autoUpdateAllowed: r.auto_update_allowed,
    customizations: r.customizations,
    nodes: r.nodes,
    tags: r.tags,
    simulate: r.simulate,
    state: r.state,
    calendarToken: r.calendar_token,
    pendingUpdate: r.open_task_id !== null,
    pendingTask: pendingTask(r),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const ASSIGNABLE: Record<keyof Omit<TenantChanges, 'maintenanceWindow'>, string> = {
  name: 'name',
  softwareVersion: 'software_version',
  customerEmail: 'customer_email',
  locale: 'locale',
  timezone: 'timezone',
  autoUpdateAllowed: 'auto_update_allowed',
  customizations: 'customizations',
  nodes: 'nodes',
  tags: 'tags',
  simulate: 'simulate',
  state: 'state',
};
const JSON_COLUMNS = new Set(['nodes', 'simulate']);

@Injectable()
export class TenantsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** One statement for any number of rows (arrays unnested server-side). */
  async insertMany(em: EntityManager, tenants: NewTenant[]): Promise<void> {
    const col = <T>(pick: (t: NewTenant) => T) => tenants.map(pick);
    await em.query(
      `INSERT INTO tenant (id, partner_id, platform_id, name, software_version, customer_email, locale,
         timezone, window_cron, window_duration_minutes, window_timezone, auto_update_allowed,
         customizations, nodes, simulate, tags)
       SELECT n.id, n.partner_id, n.platform_id, n.name, n.software_version, n.customer_email,
         n.locale, n.timezone, n.window_cron, n.window_duration_minutes, n.window_timezone,
         n.auto_update_allowed, n.customizations, n.nodes, n.simulate,
         ARRAY(SELECT jsonb_array_elements_text(n.tags))
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[],
         $7::text[], $8::text[], $9::text[], $10::int[], $11::text[], $12::boolean[], $13::boolean[],
         $14::jsonb[], $15::jsonb[], $16::jsonb[])
         AS n (id, partner_id, platform_id, name, software_version, customer_email, locale, timezone,
               window_cron, window_duration_minutes, window_timezone, auto_update_allowed,
               customizations, nodes, simulate, tags)`,
      [
        col((t) => t.id),
        col((t) => t.partnerId),
        col((t) => t.platformId),
        col((t) => t.name),
        col((t) => t.softwareVersion),
        col((t) => t.customerEmail),
        col((t) => t.locale),
        col((t) => t.timezone),
        col((t) => t.maintenanceWindow.cron),
        col((t) => t.maintenanceWindow.durationMinutes),
        col((t) => t.maintenanceWindow.timezone),
        col((t) => t.autoUpdateAllowed),
        col((t) => t.customizations),
        col((t) => JSON.stringify(t.nodes)),
        col((t) => (t.simulate ? JSON.stringify(t.simulate) : null)),
        col((t) => JSON.stringify(t.tags)),
      ],
    );
  }

  /** A tenant outside the caller's scope is not found. `forUpdate` locks the row. */
  async find(
    scope: Scope,
    id: string,
    em: EntityManager = this.ds.manager,
    forUpdate = false,
  ): Promise<Tenant | null> {
    const f = new SqlFilter().add('t.id = ?', id).addIf(scope.partnerId, 't.partner_id = ?');
    const rows: TenantRow[] = await em.query(
      `SELECT ${COLUMNS} FROM ${FROM} ${f.where} ${forUpdate ? 'FOR UPDATE OF t' : ''}`,
      f.params,
    );
    return rows[0] ? toTenant(rows[0]) : null;
  }

  async list(scope: Scope, filter: TenantFilter, page: PageRequest): Promise<Tenant[]> {
    const f = addTenantFilter(new SqlFilter().addIf(scope.partnerId, 't.partner_id = ?'), filter);
    f.addIf(page.after, 't.seq > ?');
    const rows: TenantRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM ${FROM} ${f.where} ORDER BY t.seq LIMIT ${f.param(page.limit + 1)}`,
      f.params,
    );
    return rows.map(toTenant);
  }

  async count(scope: Scope, filter: TenantFilter): Promise<number> {
    const f = addTenantFilter(new SqlFilter().addIf(scope.partnerId, 't.partner_id = ?'), filter);
    const rows: { n: number }[] = await this.ds.query(
      `SELECT count(*)::int AS n FROM tenant t ${f.where}`,
      f.params,
    );
    return rows[0].n;
  }

  async update(em: EntityManager, id: string, changes: TenantChanges): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const assign = (column: string, value: unknown) => {
      params.push(JSON_COLUMNS.has(column) && value !== null ? JSON.stringify(value) : value);
      sets.push(`${column} = $${params.length}`);
    };
    for (const [key, column] of Object.entries(ASSIGNABLE)) {
      const value = changes[key as keyof typeof ASSIGNABLE];
      if (value !== undefined) assign(column, value);
    }
    if (changes.maintenanceWindow) {
      assign('window_cron', changes.maintenanceWindow.cron);
      assign('window_duration_minutes', changes.maintenanceWindow.durationMinutes);
      assign('window_timezone', changes.maintenanceWindow.timezone);
    }
    await em.query(
      `UPDATE tenant SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`,
      params,
    );
  }

  /** Sets a new calendar token (the column's default makes it) and returns it; null: no such tenant in scope. */
  async rotateCalendarToken(em: EntityManager, scope: Scope, id: string): Promise<string | null> {
    const f = new SqlFilter().add('t.id = ?', id).addIf(scope.partnerId, 't.partner_id = ?');
    const rows = await updateReturning<{ calendar_token: string }>(
      em,
      `UPDATE tenant t SET calendar_token = DEFAULT ${f.where} RETURNING t.calendar_token`,
      f.params,
    );
    return rows[0]?.calendar_token ?? null;
  }

  /** The tenant and its task history (update_task carries no foreign key, see its migration). */
  async delete(em: EntityManager, id: string): Promise<void> {
    await em.query(`DELETE FROM update_task t WHERE ${tenantTasks('$1')}`, [id]);
    await em.query('DELETE FROM tenant WHERE id = $1', [id]);
  }

  /** The (partnerId, name) pairs among `pairs` that already exist. */
  async existingNames(
    em: EntityManager,
    pairs: { partnerId: string; name: string }[],
  ): Promise<Set<string>> {
    const rows: { partner_id: string; name: string }[] = await em.query(
      `SELECT t.partner_id, t.name FROM tenant t
       JOIN unnest($1::uuid[], $2::text[]) AS n (partner_id, name)
         ON n.partner_id = t.partner_id AND n.name = t.name`,
      [pairs.map((p) => p.partnerId), pairs.map((p) => p.name)],
    );
    return new Set(rows.map((r) => `${r.partner_id}/${r.name}`));
  }

  async openTaskId(em: EntityManager, tenantId: string): Promise<string | null> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM update_task WHERE tenant_id = $1 AND is_open`,
      [tenantId],
    );
    return rows[0]?.id ?? null;
  }

  /** Locks the selected tenants in id order (so two bulk edits never wait for each other) and returns their ids. */
  async lockSelection(
    em: EntityManager,
    scope: Scope,
    selection: TenantSelection,
  ): Promise<string[]> {
    const f = selectionFilter(scope, selection);
    const rows: { id: string }[] = await em.query(
      `SELECT t.id FROM tenant t ${f.where} ORDER BY t.id FOR UPDATE OF t`,
      f.params,
    );
    return rows.map((r) => r.id);
  }

  /** Of the selected tenants, those that would hold more than `max` tags after the edit (the first few). */
  async tagOverflow(
    em: EntityManager,
    scope: Scope,
    selection: TenantSelection,
    edit: { add: string[]; remove: string[] },
    max: number,
  ): Promise<{ count: number; ids: string[] }> {
    const f = selectionFilter(scope, selection);
    f.add(`cardinality(${editedTags(f, edit.add, edit.remove)}) > ?`, max);
    const rows: { n: number; ids: string[] | null }[] = await em.query(
      `SELECT count(*)::int AS n, (array_agg(t.id ORDER BY t.seq))[1:5]::text[] AS ids
       FROM tenant t ${f.where}`,
      f.params,
    );
    return { count: rows[0].n, ids: rows[0].ids ?? [] };
  }

  /** Adds and removes tags on the selected tenants in one statement; returns how many changed. */
  async editTags(
    em: EntityManager,
    scope: Scope,
    selection: TenantSelection,
    edit: { add: string[]; remove: string[] },
  ): Promise<number> {
    const f = selectionFilter(scope, selection);
    const tags = editedTags(f, edit.add, edit.remove);
    f.add('(t.tags && ?::text[] OR NOT t.tags @> ?::text[])', edit.remove, edit.add);
    const rows: { n: number }[] = await em.query(
      `WITH changed AS (
         UPDATE tenant t SET tags = ${tags}, updated_at = now() ${f.where} RETURNING 1
       )
       SELECT count(*)::int AS n FROM changed`,
      f.params,
    );
    return rows[0].n;
  }
}
