import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { type Caller, scopeOf } from '../auth/caller';
import { Clock } from '../common/clock';
import { BadRequestError, NotFoundError } from '../common/errors';
import type { TimeSlot } from '../common/maintenance-window';
import { lockInOrder } from '../database/lock-order';
import { type Tx, Transactions } from '../database/transactions';
import { Notices } from '../notifications/notices.service';
import { defaultReason } from '../notifications/reasons';
import { PartnersRepository } from '../partners/partners.repository';
import { byOccurrence, resolveConflicts } from '../placement/conflicts';
import { MAX_REPEATING_DAYS } from '../placement/placement';
import { PlacementService } from '../placement/placement.service';
import { PlatformsRepository } from '../platforms/platforms.repository';
import { TenantsRepository } from '../tenants/tenants.repository';
import { HeldTaskMoves, heldIn } from '../updates/held-task-moves.service';
import { placeOutOfPeriod } from '../updates/period-moves';
import { TaskChanges } from '../updates/task-changes.service';
import { overriddenBlocks } from '../updates/task-policy';
import { UpdateTasksRepository } from '../updates/update-tasks.repository';
import { blockingPeriod } from './blackout-blocking.source';
import { type Blackout, type BlackoutOwner, BlackoutsRepository } from './blackouts.repository';
import { BlackoutResponse, CreateBlackoutDto, CreatedBlackoutResponse } from './dto/blackout.dto';

const DAY = 86_400_000;

/** The `data` of a blackout's webhook events (`WebhookBlackoutData`). */
function webhookData(b: Blackout) {
  return {
    blackoutId: b.id,
    tenantId: b.tenantId,
    partnerId: b.partnerId,
    platformId: b.platformId,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    repeat: b.repeat,
    timezone: b.timezone,
    reason: b.reason,
    conflictPolicy: b.conflictPolicy,
  };
}

/** Whose blackout: a tenant or a partner, as the caller may see it. */
interface Owner {
  owner: BlackoutOwner;
  entityId: string;
  platformId: string;
  /** The zone a repeating blackout repeats in unless one is given. */
  timezone: string;
}

/**
 * Blackouts of tenants and partners: no update starts inside one (BlackoutBlockingSource makes
 * every placement respect them). Creating one moves or cancels the scheduled updates it overlaps,
 * like platform maintenance, and tells their recipients.
 */
@Injectable()
export class BlackoutsService {
  private readonly logger = new Logger(BlackoutsService.name);

  constructor(
    private readonly db: Transactions,
    private readonly blackouts: BlackoutsRepository,
    private readonly tenants: TenantsRepository,
    private readonly partners: PartnersRepository,
    private readonly platforms: PlatformsRepository,
    private readonly tasks: UpdateTasksRepository,
    private readonly placement: PlacementService,
    private readonly changes: TaskChanges,
    private readonly held: HeldTaskMoves,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notices: Notices,
  ) {}

  async create(
    caller: Caller,
    of: BlackoutOwner,
    dto: CreateBlackoutDto,
  ): Promise<CreatedBlackoutResponse> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    const repeat = dto.repeat ?? 'none';
    if (endsAt <= startsAt)
      throw new BadRequestError('endsAt must be after startsAt', [
        { field: 'endsAt', reason: 'must be after startsAt' },
      ]);
    if (repeat === 'none' && endsAt <= this.clock.now())
      throw new BadRequestError('endsAt must be in the future', [
        { field: 'endsAt', reason: 'must be in the future (or the blackout must repeat)' },
      ]);
    if (
      repeat !== 'none' &&
      endsAt.getTime() - startsAt.getTime() > MAX_REPEATING_DAYS[repeat] * DAY
    )
      throw new BadRequestError(
        `a ${repeat} blackout lasts at most ${MAX_REPEATING_DAYS[repeat]} days`,
        [
          {
            field: 'endsAt',
            reason: `a ${repeat} blackout lasts at most ${MAX_REPEATING_DAYS[repeat]} days`,
          },
        ],
      );

    return this.db.run(async (tx) => {
      const owner = await this.owner(tx, caller, of);
      await lockInOrder(tx, { platforms: { ids: [owner.platformId], mode: 'exclusive' } });
      const blackout = await this.blackouts.insert(tx, {
        ...('tenantId' in of
          ? { tenantId: of.tenantId, partnerId: null }
          : { tenantId: null, partnerId: of.partnerId }),
        platformId: owner.platformId,
        startsAt,
        endsAt,
        repeat,
        timezone: dto.timezone ?? owner.timezone,
        reason: dto.reason,
        conflictPolicy: dto.conflictPolicy ?? 'reschedule',
        createdBy: caller.keyId,
      });
      await this.notices.forBlackout(tx, 'blackout.created', webhookData(blackout));
      const affected = await this.resolve(tx, blackout);
      const response: CreatedBlackoutResponse = {
        ...BlackoutResponse.from(blackout),
        affected: { cancelled: affected.cancelled, rescheduled: affected.moved },
        warnings: affected.warnings,
      };
      await this.audit.record(tx, caller, {
        action: 'blackout.create',
        entityType: 'blackout',
        entityId: blackout.id,
        after: response,
      });
      this.logger.log({ blackoutId: blackout.id, ...response.affected }, 'blackout created');
      return response;
    });
  }

  /**
   * The owner's scheduled tasks that would run inside an occurrence of the new blackout are
   * cancelled or moved to the first free window after that occurrence (placement/conflicts.ts,
   * updates/period-moves.ts; forced ones are always moved), and their recipients are told. Held
   * tasks of rollouts whose time is inside it are moved too and stay held, keeping their rollout's
   * mode (HeldTaskMoves). A platform admin's forced immediate or custom update, scheduled or held,
   * stays where it is (task-policy.ts, `overriddenBlocks`).
   */
  private async resolve(tx: Tx, blackout: Blackout) {
    const owner: BlackoutOwner = blackout.tenantId
      ? { tenantId: blackout.tenantId }
      : { partnerId: blackout.partnerId as string };
    const period = blockingPeriod(blackout);
    // The owner's scheduled tasks and the held tasks of rollouts it may move are locked in one
    // statement, in id order (lock-order.ts): two passes could deadlock with a rollout's stop,
    // cancel or expiry, which locks its held and scheduled tasks together.
    const {
      tasks: { scheduled: tasks, held: heldTasks },
    } = await lockInOrder(tx, {
      tasks: () =>
        this.tasks.lockForPeriod(
          tx,
          owner,
          heldIn({ platformId: blackout.platformId, ...owner }, period),
        ),
    });
    const whyOf = (occurrence: TimeSlot) => ({
      reason: defaultReason({
        code: 'blackout',
        startsAt: occurrence.start.toISOString(),
        endsAt: occurrence.end.toISOString(),
        reason: blackout.reason,
      }),
      group: `blackout:${blackout.id}:${occurrence.start.toISOString()}`,
    });
    let cancelled = 0;
    let moved = 0;
    let forcedCancelled = 0;
    // A platform admin's forced immediate or custom update stays inside, scheduled or held alike
    // (the forced rule, task-policy.ts).
    for (const { occurrence, tasks: inside } of byOccurrence(tasks, period, overriddenBlocks)) {
      const plan = resolveConflicts(inside, blackout.conflictPolicy);
      // To the tenant's next free window, as maintenance-window updates (period-moves.ts).
      const { moves, unplaced } = await placeOutOfPeriod(
        this.placement,
        tx,
        'scheduled',
        plan.move,
        this.clock.now(),
        occurrence.end,
      );
      const why = whyOf(occurrence);
      const gone = await this.changes.cancel(tx, [...plan.cancel, ...unplaced], why);
      const went = await this.changes.move(tx, moves, why);
      cancelled += gone.length;
      moved += went.length;
      forcedCancelled += inside.filter((t) => t.forced && gone.includes(t.id)).length;
    }
    const held = await this.held.moveOutOf(tx, heldTasks, period, this.clock.now(), whyOf);
    cancelled += held.cancelled.length;
    moved += held.moved.length;
    const warnings = forcedCancelled
      ? [
          `${forcedCancelled} forced update(s) had no free maintenance window in the coming year and were cancelled`,
        ]
      : [];
    return { cancelled, moved, warnings };
  }

  async list(caller: Caller, of: BlackoutOwner): Promise<{ items: BlackoutResponse[] }> {
    return this.db.run(async (tx) => {
      await this.owner(tx, caller, of);
      const rows = await this.blackouts.list(tx, of);
      return { items: rows.map(BlackoutResponse.from) };
    });
  }

  /** Removes a blackout. Updates it moved or cancelled stay where they are. */
  async delete(caller: Caller, of: BlackoutOwner, id: string): Promise<void> {
    await this.db.run(async (tx) => {
      await this.owner(tx, caller, of);
      const blackout = await this.blackouts.find(tx, of, id);
      if (!blackout) throw new NotFoundError('Blackout', id);
      await this.blackouts.delete(tx, id);
      await this.notices.forBlackout(tx, 'blackout.deleted', webhookData(blackout));
      await this.audit.record(tx, caller, {
        action: 'blackout.delete',
        entityType: 'blackout',
        entityId: id,
        before: BlackoutResponse.from(blackout),
      });
    });
  }

  /** The tenant or partner, if the caller may see it (a partner admin: its own only). */
  private async owner(tx: Tx, caller: Caller, of: BlackoutOwner): Promise<Owner> {
    const scope = scopeOf(caller);
    if ('tenantId' in of) {
      const tenant = await this.tenants.find(scope, of.tenantId, tx);
      if (!tenant) throw new NotFoundError('Tenant', of.tenantId);
      return {
        owner: of,
        entityId: tenant.id,
        platformId: tenant.platformId,
        timezone: tenant.timezone,
      };
    }
    const partner = await this.partners.find(scope, of.partnerId, tx);
    if (!partner) throw new NotFoundError('Partner', of.partnerId);
    const platform = await this.platforms.find(scope, partner.platformId, tx);
    if (!platform) throw new NotFoundError('Partner', of.partnerId);
    return {
      owner: of,
      entityId: partner.id,
      platformId: partner.platformId,
      timezone: platform.timezone,
    };
  }
}
