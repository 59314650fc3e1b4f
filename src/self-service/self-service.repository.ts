import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CustomerPostponePolicy } from '../platforms/customer-postpone';
import type { TaskStatus } from '../updates/task-status';
import type { UpdateMode } from '../updates/planning';

/** A task as its customer's link shows it, with what a postpone needs. */
export interface LinkedTask {
  id: string;
  tenantId: string;
  partnerId: string;
  platformId: string;
  tenantName: string;
  locale: string;
  timezone: string;
  fromVersion: string;
  targetVersion: string;
  mode: UpdateMode;
  status: TaskStatus;
  forced: boolean;
  runAt: Date;
  expiresAt: Date | null;
  expectedDurationMinutes: number;
  noticeSequence: number;
  customerPostpones: number;
  announcedRunAt: Date | null;
  window: { cron: string; durationMinutes: number; timezone: string };
  platformPolicy: CustomerPostponePolicy;
  partnerPolicy: Partial<CustomerPostponePolicy> | null;
}

const SELECT = `SELECT t.id, t.tenant_id AS "tenantId", t.partner_id AS "partnerId",
  t.platform_id AS "platformId", tn.name AS "tenantName", tn.locale, tn.timezone,
  t.from_version AS "fromVersion", t.target_version AS "targetVersion", t.mode, t.status, t.forced,
  t.run_at AS "runAt", t.expires_at AS "expiresAt",
  t.expected_duration_minutes AS "expectedDurationMinutes", t.notice_sequence AS "noticeSequence",
  t.customer_postpones AS "customerPostpones", t.announced_run_at AS "announcedRunAt",
  jsonb_build_object('cron', tn.window_cron, 'durationMinutes', tn.window_duration_minutes,
    'timezone', tn.window_timezone) AS window,
  pl.customer_postpone AS "platformPolicy", pa.customer_postpone AS "partnerPolicy"
FROM update_task t
JOIN tenant tn ON tn.id = t.tenant_id
JOIN partner pa ON pa.id = t.partner_id
JOIN platform pl ON pl.id = t.platform_id
WHERE t.id = $1 AND t.tenant_id = $2`;

/** The queries behind the customer's self-service page. */
@Injectable()
export class SelfServiceRepository {
  /** The task a link names, if it still exists and still belongs to the tenant the link names. */
  async find(
    em: EntityManager,
    taskId: string,
    tenantId: string,
    forUpdate = false,
  ): Promise<LinkedTask | null> {
    const rows: LinkedTask[] = await em.query(`${SELECT} ${forUpdate ? 'FOR UPDATE OF t' : ''}`, [
      taskId,
      tenantId,
    ]);
    return rows[0] ?? null;
  }

  /**
   * Counts a customer's postpone and keeps the planned time the limit counts from (the one in force
   * at the first postpone); called before the task moves.
   */
  async countPostpone(em: EntityManager, taskId: string): Promise<void> {
    await em.query(
      `UPDATE update_task SET customer_postpones = customer_postpones + 1,
         announced_run_at = COALESCE(announced_run_at, run_at)
       WHERE id = $1`,
      [taskId],
    );
  }
}
