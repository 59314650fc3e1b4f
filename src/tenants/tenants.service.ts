import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService, idSummary } from '../audit/audit.service';
import { type Caller, isPlatformAdmin, type Scope, scopeOf } from '../auth/caller';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { ConflictError, fieldError, ForbiddenError, NotFoundError } from '../common/errors';
import { DEFAULT_LOCALE } from '../common/locale';
import { Page, PageRequest, toPage } from '../common/pagination';
import { bulkRefusal, RowProblem } from '../common/row-errors';
import { lockInOrder } from '../database/lock-order';
import { type Tx, Transactions } from '../database/transactions';
import { PartnerPlacement, PartnersRepository } from '../partners/partners.repository';
import {
  BulkCreatedResponse,
  CreateTenantDto,
  TenantCountResponse,
  UpdateTenantDto,
} from './dto/tenant.dto';
import { calendarUrl, CalendarTokenResponse, TenantResponse } from './dto/tenant.response';
import type { NewTenant, Tenant, TenantChanges } from './tenant';
import { TenantFilter, TenantsRepository } from './tenants.repository';
import { WindowFollowers } from './window-followers';
import type { MaintenanceWindow } from '../common/maintenance-window';

function windowChanged(a: MaintenanceWindow, b: MaintenanceWindow): boolean {
  return a.cron !== b.cron || a.durationMinutes !== b.durationMinutes || a.timezone !== b.timezone;
}

function duplicateNodeIndex(nodes: { name: string }[] | undefined): number {
  const seen = new Set<string>();
  return (nodes ?? []).findIndex((n) => (seen.has(n.name) ? true : (seen.add(n.name), false)));
}

@Injectable()
export class TenantsService {
  constructor(
    private readonly db: Transactions,
    private readonly tenants: TenantsRepository,
    private readonly partners: PartnersRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly windowFollowers: WindowFollowers,
    private readonly config: AppConfig,
  ) {}

  private response(tenant: Tenant): TenantResponse {
    return TenantResponse.from(tenant, this.clock.now(), this.config.publicUrl);
  }

  /** A new calendar token: the feed's old address stops answering at once. */
  async rotateCalendarToken(caller: Caller, id: string): Promise<CalendarTokenResponse> {
    return this.db.run(async (tx) => {
      const token = await this.tenants.rotateCalendarToken(tx, scopeOf(caller), id);
      if (token === null) throw new NotFoundError('Tenant', id);
      await this.audit.record(tx, caller, {
        action: 'tenant.calendar_token.rotate',
        entityType: 'tenant',
        entityId: id,
      });
      return { calendarUrl: calendarUrl(this.config.publicUrl, token) };
    });
  }

  async create(caller: Caller, dto: CreateTenantDto): Promise<TenantResponse> {
    const partnerId = this.partnerFor(caller, dto.partnerId, 'partnerId');
    const nodeIndex = duplicateNodeIndex(dto.nodes);
    if (nodeIndex >= 0) throw fieldError(`nodes[${nodeIndex}].name`, 'is used by another node');
    return this.db.run(async (tx) => {
      const placement = (await this.partners.placements(tx, scopeOf(caller), [partnerId])).get(
        partnerId,
      );
      if (!placement) throw new NotFoundError('Partner', partnerId);
      const tenant = buildTenant(dto, placement);
      if ((await this.tenants.existingNames(tx, [tenant])).size > 0) {
        throw new ConflictError(`A tenant named "${tenant.name}" already exists for this partner`, [
          { field: 'name', reason: 'is already used by another tenant of this partner' },
        ]);
      }
      await this.tenants.insertMany(tx, [tenant]);
      const created = await this.mustFind(tx, scopeOf(caller), tenant.id);
      await this.audit.record(tx, caller, {
        action: 'tenant.create',
        entityType: 'tenant',
        entityId: tenant.id,
        after: created,
      });
      return this.response(created);
    });
  }

  /** All or nothing: any refused row means nothing is created, and every refused row is listed. */
  async bulkCreate(caller: Caller, rows: CreateTenantDto[]): Promise<BulkCreatedResponse> {
    const partnerIds = rows.map((r, i) =>
      this.partnerFor(caller, r.partnerId, `tenants[${i}].partnerId`),
    );
    const created = await this.db.run(async (tx) => {
      const placements = await this.partners.placements(tx, scopeOf(caller), [
        ...new Set(partnerIds),
      ]);
      const problems: RowProblem[] = [];
      const tenants: NewTenant[] = [];
      const namesInRequest = new Set<string>();
      rows.forEach((row, index) => {
        const placement = placements.get(partnerIds[index]);
        const problem = (status: number, field: string, reason: string) =>
          problems.push({ status, detail: { index, field: `tenants[${index}].${field}`, reason } });
        if (!placement) return problem(404, 'partnerId', 'is not a known partner');
        const nodeIndex = duplicateNodeIndex(row.nodes);
        if (nodeIndex >= 0)
          return problem(400, `nodes[${nodeIndex}].name`, 'is used by another node');
        const key = `${placement.partnerId}/${row.name}`;
        if (namesInRequest.has(key))
          return problem(400, 'name', 'appears twice for the same partner');
        namesInRequest.add(key);
        tenants.push(buildTenant(row, placement));
      });
      const taken = await this.tenants.existingNames(tx, tenants);
      tenants.forEach((t) => {
        if (!taken.has(`${t.partnerId}/${t.name}`)) return;
        const index = rows.findIndex((r, i) => r.name === t.name && partnerIds[i] === t.partnerId);
        problems.push({
          status: 409,
          detail: {
            index,
            field: `tenants[${index}].name`,
            reason: 'is already used by another tenant of this partner',
          },
        });
      });
      if (problems.length > 0) {
        problems.sort((a, b) => (a.detail.index ?? 0) - (b.detail.index ?? 0));
        throw bulkRefusal(
          `${problems.length} of ${rows.length} tenants were refused; none was created`,
          problems,
        );
      }
      await this.tenants.insertMany(tx, tenants);
      const ids = tenants.map((t) => t.id);
      await this.audit.record(tx, caller, {
        action: 'tenant.bulk_create',
        entityType: 'tenant',
        entityId: null,
        after: { created: ids.length, ids: idSummary(ids) },
      });
      return { created: ids.length, ids };
    });
    await this.db.refreshStatistics([{ table: 'tenant', rows: created.created }]);
    return created;
  }

  async get(scope: Scope, id: string): Promise<TenantResponse> {
    return this.response(await this.mustFind(this.db.pool, scope, id));
  }

  async list(scope: Scope, filter: TenantFilter, page: PageRequest): Promise<Page<TenantResponse>> {
    const rows = await this.tenants.list(scope, filter, page);
    const now = this.clock.now();
    return toPage(rows, page.limit, (t) => TenantResponse.from(t, now, this.config.publicUrl));
  }

  async count(scope: Scope, filter: TenantFilter): Promise<TenantCountResponse> {
    return { count: await this.tenants.count(scope, filter) };
  }

  async update(caller: Caller, id: string, dto: UpdateTenantDto): Promise<TenantResponse> {
    if (dto.state !== undefined && !isPlatformAdmin(caller)) {
      throw new ForbiddenError('Only platform admins change the state of a tenant', [
        { field: 'state', reason: 'needs a platform admin key' },
      ]);
    }
    const nodeIndex = duplicateNodeIndex(dto.nodes);
    if (nodeIndex >= 0) throw fieldError(`nodes[${nodeIndex}].name`, 'is used by another node');
    return this.db.run(async (tx) => {
      const scope = scopeOf(caller);
      // A window change moves the tenant's scheduled window update: its locks come first.
      const seen = dto.maintenanceWindow ? await this.mustFind(tx, scope, id) : null;
      const followers = seen ? await this.windowFollowers.prepare(tx, seen) : [];
      const current = await this.lockForWrite(tx, scope, id);
      const changes = toChanges(dto, current);
      const window = changes.maintenanceWindow;
      const moved = window && windowChanged(current.maintenanceWindow, window) ? window : null;
      if (moved) for (const f of followers) f.check(caller, moved);
      if (dto.name && dto.name !== current.name) {
        const taken = await this.tenants.existingNames(tx, [
          { partnerId: current.partnerId, name: dto.name },
        ]);
        if (taken.size > 0) {
          throw new ConflictError(`A tenant named "${dto.name}" already exists for this partner`, [
            { field: 'name', reason: 'is already used by another tenant of this partner' },
          ]);
        }
      }
      await this.tenants.update(tx, id, changes);
      const updated = await this.mustFind(tx, scope, id);
      if (moved) for (const f of followers) await f.follow(tx, caller, updated.maintenanceWindow);
      await this.audit.record(tx, caller, {
        action: 'tenant.update',
        entityType: 'tenant',
        entityId: id,
        before: current,
        after: updated,
      });
      return this.response(updated);
    });
  }

  async delete(caller: Caller, id: string): Promise<void> {
    await this.db.run(async (tx) => {
      const current = await this.lockForWrite(tx, scopeOf(caller), id);
      const openTask = await this.tenants.openTaskId(tx, id);
      if (openTask) {
        throw new ConflictError(
          `Tenant ${id} has an open update task (${openTask}); cancel it first`,
        );
      }
      await this.tenants.delete(tx, id);
      await this.audit.record(tx, caller, {
        action: 'tenant.delete',
        entityType: 'tenant',
        entityId: id,
        before: current,
      });
    });
  }

  /** Locks the tenant row; while it is being updated every write is refused with 409. */
  private async lockForWrite(tx: Tx, scope: Scope, id: string): Promise<Tenant> {
    const { tenants: tenant } = await lockInOrder(tx, {
      tenants: () => this.tenants.find(scope, id, tx, true),
    });
    if (!tenant) throw new NotFoundError('Tenant', id);
    if (tenant.state === 'updating') {
      throw new ConflictError(
        `Tenant ${id} is being updated; change it when the update has finished`,
      );
    }
    return tenant;
  }

  private async mustFind(tx: Tx, scope: Scope, id: string): Promise<Tenant> {
    const tenant = await this.tenants.find(scope, id, tx);
    if (!tenant) throw new NotFoundError('Tenant', id);
    return tenant;
  }

  /** Platform admins name the partner; a partner admin creates tenants for its own partner only. */
  private partnerFor(caller: Caller, requested: string | undefined, field: string): string {
    if (caller.partnerId) {
      if (requested && requested !== caller.partnerId)
        throw new NotFoundError('Partner', requested);
      return caller.partnerId;
    }
    if (!requested) throw fieldError(field, 'is required for a platform admin');
    return requested;
  }
}

function buildTenant(dto: CreateTenantDto, placement: PartnerPlacement): NewTenant {
  const timezone = dto.timezone ?? placement.platformTimezone;
  return {
    id: randomUUID(),
    partnerId: placement.partnerId,
    platformId: placement.platformId,
    name: dto.name,
    softwareVersion: dto.softwareVersion,
    customerEmail: dto.customerEmail ?? null,
    locale: dto.locale ?? DEFAULT_LOCALE,
    timezone,
    maintenanceWindow: {
      cron: dto.maintenanceWindow?.cron ?? placement.defaultWindowCron,
      durationMinutes:
        dto.maintenanceWindow?.durationMinutes ?? placement.defaultWindowDurationMinutes,
      timezone: dto.maintenanceWindow?.timezone ?? timezone,
    },
    autoUpdateAllowed: dto.autoUpdateAllowed ?? true,
    customizations: dto.customizations ?? false,
    nodes: dto.nodes?.map((n) => ({ name: n.name })) ?? [],
    tags: dto.tags ?? [],
    simulate: dto.simulate?.failStep ? { failStep: dto.simulate.failStep } : null,
  };
}

function toChanges(dto: UpdateTenantDto, current: Tenant): TenantChanges {
  const timezone = dto.timezone ?? current.timezone;
  return {
    name: dto.name,
    softwareVersion: dto.softwareVersion,
    customerEmail: dto.customerEmail,
    locale: dto.locale,
    timezone: dto.timezone,
    maintenanceWindow: dto.maintenanceWindow && {
      cron: dto.maintenanceWindow.cron,
      durationMinutes: dto.maintenanceWindow.durationMinutes,
      timezone: dto.maintenanceWindow.timezone ?? timezone,
    },
    autoUpdateAllowed: dto.autoUpdateAllowed,
    customizations: dto.customizations,
    nodes: dto.nodes?.map((n) => ({ name: n.name })),
    tags: dto.tags,
    simulate: dto.simulate === null ? null : dto.simulate && { failStep: dto.simulate.failStep },
    state: dto.state,
  };
}
