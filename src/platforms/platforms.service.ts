import {
  DEFAULT_SNAPSHOT_RETENTION_DAYS,
  DEFAULT_UPDATE_STEPS,
  orderedSteps,
} from './update-steps';
import { Injectable } from '@nestjs/common';
import { type ConfirmationPolicy, DEFAULT_CONFIRMATION_POLICY } from './confirmation-policy';
import { Transactions } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import type { Caller, Scope } from '../auth/caller';
import { BadRequestError, ConflictError, NotFoundError } from '../common/errors';
import { Page, PageRequest, toPage } from '../common/pagination';
import { DEFAULT_CUSTOMER_POSTPONE } from './customer-postpone';
import { givenFields } from './dto/customer-postpone.dto';
import { CreatePlatformDto, PlatformResponse, UpdatePlatformDto } from './dto/platform.dto';
import { PlatformEntity } from './platform.entity';
import { NewPlatform, PlatformsRepository } from './platforms.repository';

export const DEFAULT_WINDOW = { cron: '0 2 * * SUN', durationMinutes: 240 };

@Injectable()
export class PlatformsService {
  constructor(
    private readonly db: Transactions,
    private readonly platforms: PlatformsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(caller: Caller, dto: CreatePlatformDto): Promise<PlatformResponse> {
    const c = dto.rolloutConfirmation;
    const values: NewPlatform = {
      name: dto.name,
      timezone: dto.timezone,
      executorDriver: dto.executor?.driver ?? null,
      executorUrl: dto.executor?.url ?? null,
      executorSecret: dto.executor?.secret ?? null,
      defaultWindowCron: dto.defaultMaintenanceWindow?.cron ?? DEFAULT_WINDOW.cron,
      defaultWindowDurationMinutes:
        dto.defaultMaintenanceWindow?.durationMinutes ?? DEFAULT_WINDOW.durationMinutes,
      updateSteps: orderedSteps(dto.updateSteps ?? DEFAULT_UPDATE_STEPS),
      snapshotRetentionDays: dto.snapshotRetentionDays ?? DEFAULT_SNAPSHOT_RETENTION_DAYS,
      licenceEmail: dto.licenceEmail ?? null,
      confirmDowngrade: c?.downgrade ?? DEFAULT_CONFIRMATION_POLICY.downgrade,
      confirmForced: c?.forced ?? DEFAULT_CONFIRMATION_POLICY.forced,
      confirmPlatformScope: c?.platformScope ?? DEFAULT_CONFIRMATION_POLICY.platformScope,
      confirmTenantsOver:
        c?.tenantsOver !== undefined ? c.tenantsOver : DEFAULT_CONFIRMATION_POLICY.tenantsOver,
      customerPostpone: {
        ...DEFAULT_CUSTOMER_POSTPONE,
        ...(dto.customerPostpone && givenFields(dto.customerPostpone)),
      },
    };
    assertExecutorComplete(values);
    return this.db.run(async (tx) => {
      if (await this.platforms.nameTaken(tx, dto.name)) {
        throw new ConflictError(`A platform named "${dto.name}" already exists`, [
          { field: 'name', reason: 'is already used by another platform' },
        ]);
      }
      const platform = await this.platforms.insert(tx, values);
      const response = PlatformResponse.from(platform);
      await this.audit.record(tx, caller, {
        action: 'platform.create',
        entityType: 'platform',
        entityId: platform.id,
        after: response,
      });
      return response;
    });
  }

  async get(scope: Scope, id: string): Promise<PlatformResponse> {
    const platform = await this.platforms.find(scope, id);
    if (!platform) throw new NotFoundError('Platform', id);
    return PlatformResponse.from(platform);
  }

  async list(scope: Scope, page: PageRequest): Promise<Page<PlatformResponse>> {
    return toPage(await this.platforms.list(scope, page), page.limit, PlatformResponse.from);
  }

  async update(caller: Caller, id: string, dto: UpdatePlatformDto): Promise<PlatformResponse> {
    return this.db.run(async (tx) => {
      const current = await this.platforms.findForUpdate(tx, id);
      if (!current) throw new NotFoundError('Platform', id);
      if (dto.name && (await this.platforms.nameTaken(tx, dto.name, id))) {
        throw new ConflictError(`A platform named "${dto.name}" already exists`, [
          { field: 'name', reason: 'is already used by another platform' },
        ]);
      }
      const changes: Partial<NewPlatform> = {
        name: dto.name,
        timezone: dto.timezone,
        executorDriver: dto.executor?.driver,
        executorUrl: dto.executor?.url,
        executorSecret: dto.executor?.secret,
        defaultWindowCron: dto.defaultMaintenanceWindow?.cron,
        defaultWindowDurationMinutes: dto.defaultMaintenanceWindow?.durationMinutes,
        updateSteps: dto.updateSteps && orderedSteps(dto.updateSteps),
        snapshotRetentionDays: dto.snapshotRetentionDays,
        licenceEmail: dto.licenceEmail,
        ...(dto.rolloutConfirmation && confirmationColumns(dto.rolloutConfirmation)),
        customerPostpone: dto.customerPostpone && {
          ...current.customerPostpone,
          ...givenFields(dto.customerPostpone),
        },
      };
      const defined = Object.fromEntries(
        Object.entries(changes).filter(([, v]) => v !== undefined),
      ) as Partial<NewPlatform>;
      assertExecutorComplete({ ...current, ...defined });
      const updated = await this.platforms.update(tx, id, defined);
      const response = PlatformResponse.from(updated);
      await this.audit.record(tx, caller, {
        action: 'platform.update',
        entityType: 'platform',
        entityId: id,
        before: PlatformResponse.from(current),
        after: response,
      });
      return response;
    });
  }
}

/** The confirmation rule's columns (those not given stay undefined: a PATCH keeps them). */
function confirmationColumns(p: Partial<ConfirmationPolicy>): Partial<NewPlatform> {
  return {
    confirmDowngrade: p.downgrade,
    confirmForced: p.forced,
    confirmPlatformScope: p.platformScope,
    confirmTenantsOver: p.tenantsOver,
  };
}

function assertExecutorComplete(
  p: Pick<PlatformEntity, 'executorDriver' | 'executorUrl' | 'executorSecret'>,
) {
  if (p.executorDriver !== 'http') return;
  const details = [];
  if (!p.executorUrl)
    details.push({ field: 'executor.url', reason: 'is required for the http driver' });
  if (!p.executorSecret) {
    details.push({ field: 'executor.secret', reason: 'is required for the http driver' });
  }
  if (details.length)
    throw new BadRequestError('The http executor needs a url and a secret', details);
}
