import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { ApiError } from '../common/errors';
import type { TimeSlot } from '../common/maintenance-window';
import { CustomerLinks } from '../customer-links/customer-links';
import type { LinkClaims } from '../customer-links/link-token';
import { lockInOrder } from '../database/lock-order';
import { type Tx, Transactions } from '../database/transactions';
import { Notices } from '../notifications/notices.service';
import { defaultReason } from '../notifications/reasons';
import { PlacementService } from '../placement/placement.service';
import { customerPostponePolicy } from '../platforms/customer-postpone';
import { movingTask, TaskChanges } from '../updates/task-changes.service';
import { customerPostponeRefusal, postponeHorizon } from '../updates/task-policy';
import { SelfServiceResponse } from './dto/self-service.dto';
import { type LinkedTask, SelfServiceRepository } from './self-service.repository';

/** At most this many windows are offered to postpone to. */
export const POSTPONE_OPTIONS = 10;

/**
 * A link that shows nothing: forged, unknown (404) or expired (410). The answer says no more, so a
 * guessed or stolen token learns nothing.
 */
export class LinkGone extends ApiError {
  constructor(status: 404 | 410) {
    super(status, status === 410 ? 'This link has expired' : 'This link is not valid', []);
  }
}

/** The customer's page behind the link in its e-mails, and its one action (docs/self-service.md). */
@Injectable()
export class SelfServiceService {
  constructor(
    private readonly db: Transactions,
    private readonly links: CustomerLinks,
    private readonly repo: SelfServiceRepository,
    private readonly placement: PlacementService,
    private readonly changes: TaskChanges,
    private readonly notices: Notices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async view(token: string): Promise<SelfServiceResponse> {
    const claims = await this.claims(token);
    return this.db.run(async (tx) => {
      const task = await this.repo.find(tx, claims.taskId, claims.tenantId);
      if (!task) throw new LinkGone(404);
      return this.respond(task, await this.options(tx, task, claims));
    });
  }

  /**
   * The language of a valid link's customer, null for any other token (forged, unknown, expired):
   * for the pages answered without showing the update (too many requests).
   */
  async localeOf(token: string): Promise<string | null> {
    const check = await this.links.check(token, this.clock.now());
    if (!check.valid) return null;
    const task = await this.db.run((tx) =>
      this.repo.find(tx, check.claims.taskId, check.claims.tenantId),
    );
    return task?.locale ?? null;
  }

  async postpone(token: string, start: Date): Promise<SelfServiceResponse> {
    const claims = await this.claims(token);
    const now = this.clock.now();
    return this.db.run(async (tx) => {
      const seen = await this.repo.find(tx, claims.taskId, claims.tenantId);
      if (!seen) throw new LinkGone(404);
      const { tasks: task } = await lockInOrder(tx, {
        platforms: { ids: [seen.platformId], mode: 'shared' },
        tasks: () => this.repo.find(tx, claims.taskId, claims.tenantId, true),
      });
      if (!task) throw new LinkGone(404);
      const policy = customerPostponePolicy(task.platformPolicy, task.partnerPolicy);
      const refusal = customerPostponeRefusal(task, claims.sequence, policy);
      if (refusal) {
        throw new ApiError(refusal.status, `The update cannot be postponed: ${refusal.reason}`, [
          { field: 'token', code: refusal.code, reason: refusal.reason },
        ]);
      }
      const options = await this.options(tx, task, claims);
      const chosen = options.find((o) => o.start.getTime() === start.getTime());
      if (!chosen) {
        throw new ApiError(422, 'The update cannot be postponed to that time', [
          {
            field: 'start',
            code: 'not_offered',
            reason: 'is not one of the windows offered (postponeOptions)',
          },
        ]);
      }
      const before = this.respond(task, options);
      await this.repo.countPostpone(tx, task.id);
      const why = { reason: defaultReason({ code: 'postponed_by_customer' }) };
      await this.changes.move(
        tx,
        [{ id: task.id, mode: 'maintenance_window', runAt: chosen.start, expiresAt: chosen.end }],
        why,
      );
      await this.notices.postponedByCustomer(tx, task.id, why.reason);
      const after = await this.repo.find(tx, task.id, task.tenantId);
      if (!after) throw new LinkGone(404);
      const response = this.respond(after, []);
      await this.audit.record(
        tx,
        { keyId: null, role: 'customer_link', partnerId: task.partnerId },
        {
          action: 'update_task.postpone',
          entityType: 'update_task',
          entityId: task.id,
          before: { runAt: before.runAt, postpones: task.customerPostpones },
          after: { runAt: response.runAt, postpones: after.customerPostpones, at: now },
        },
      );
      return response;
    });
  }

  private async claims(token: string): Promise<LinkClaims> {
    const check = await this.links.check(token, this.clock.now());
    if (check.valid) return check.claims;
    throw new LinkGone(check.why === 'expired' ? 410 : 404);
  }

  /** The windows the customer may pick now: none if the policy refuses a postpone. */
  private async options(tx: Tx, task: LinkedTask, claims: LinkClaims): Promise<TimeSlot[]> {
    const policy = customerPostponePolicy(task.platformPolicy, task.partnerPolicy);
    if (customerPostponeRefusal(task, claims.sequence, policy)) return [];
    const now = this.clock.now();
    return this.placement.freeWindows(
      tx,
      movingTask(task),
      {
        after: new Date(Math.max(task.runAt.getTime(), now.getTime())),
        until: postponeHorizon(task, policy),
        count: POSTPONE_OPTIONS,
      },
      now,
    );
  }

  private respond(task: LinkedTask, options: TimeSlot[]): SelfServiceResponse {
    return {
      tenantName: task.tenantName,
      fromVersion: task.fromVersion,
      targetVersion: task.targetVersion,
      runAt: task.runAt.toISOString(),
      timezone: task.timezone,
      locale: task.locale,
      status: task.status,
      forced: task.forced,
      canPostpone: options.length > 0,
      postponeOptions: options.map((o) => ({
        start: o.start.toISOString(),
        end: o.end.toISOString(),
      })),
    };
  }
}
