import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { wakeSenders } from './notices.repository';

/** What one expansion step did. */
export interface Expansion {
  /** The batch whose customers were expanded (null: nothing was due). */
  batchId: string | null;
  /** Tasks read (whether or not their customer got a notice). */
  tasks: number;
  /** Outbox rows written. */
  written: number;
  /** The batch has no tasks left to expand. */
  done: boolean;
}

const NOTHING: Expansion = { batchId: null, tasks: 0, written: 0, done: true };

/**
 * Expands the fan-out rows written with a batch (one per audience) into one outbox row per
 * recipient, `chunk` tasks per transaction in task id order: the rows and the new position
 * (`expanded_through`) commit together, so a crash repeats at most the transaction in flight and
 * each customer is written once (the dedupe key backs this up). A task is expanded as it is at that
 * moment: one that is no longer waiting to start (cancelled, already running or finished) gets no
 * "scheduled" notice; one that was moved gets it with its new time. The fan-out row is locked FOR
 * UPDATE (others are skipped), and writers of follow-ups lock it FOR SHARE
 * (NoticesRepository.holdExpansion), so the two never interleave.
 */
@Injectable()
export class FanoutRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async expandNext(now: Date, chunk: number): Promise<Expansion> {
    return this.ds.transaction(async (em) => {
      const [due]: { id: string; batch_id: string; after: string; next_attempt_at: Date }[] =
        await em.query(
          `SELECT f.id, f.batch_id,
             COALESCE(f.expanded_through, '00000000-0000-0000-0000-000000000000'::uuid) AS after,
             f.next_attempt_at
           FROM outbox_fanout f
           WHERE f.status = 'pending' AND f.next_attempt_at <= $1
           ORDER BY f.next_attempt_at LIMIT 1
           FOR UPDATE SKIP LOCKED`,
          [now],
        );
      if (!due) return NOTHING;
      // Tasks are read in id order through the batch index; those waiting to start (open and not
      // running) whose customer is to be told get their row.
      const [step]: { tasks: number; last: string | null; written: number }[] = await em.query(
        `WITH next AS (
           SELECT t.id FROM update_task t
           WHERE t.batch_id = $1 AND t.id > $2 ORDER BY t.id LIMIT $3
         ), written AS (
           INSERT INTO outbox_email (event, template, recipient, recipient_kind, locale, timezone,
             sequence, dedupe_key, task_id, batch_id, partner_id, platform_id, next_attempt_at)
           SELECT 'task.scheduled', 'task.scheduled', tn.customer_email, 'customer', tn.locale,
             tn.timezone, t.notice_sequence,
             'task.scheduled:' || t.id || ':0:' || tn.customer_email,
             t.id, t.batch_id, t.partner_id, t.platform_id, $4::timestamptz
           FROM update_task t JOIN tenant tn ON tn.id = t.tenant_id
           WHERE t.id IN (SELECT id FROM next)
             AND t.is_open AND t.status <> 'running'
             AND t.notify_customer AND tn.customer_email IS NOT NULL
           ORDER BY t.id
           ON CONFLICT (dedupe_key) DO NOTHING
           RETURNING 1
         )
         SELECT (SELECT count(*)::int FROM next) AS tasks, (SELECT id FROM next ORDER BY id DESC LIMIT 1) AS last,
                (SELECT count(*)::int FROM written) AS written`,
        [due.batch_id, due.after, chunk, due.next_attempt_at],
      );
      const done = step.tasks < chunk;
      await em.query(
        `UPDATE outbox_fanout
         SET expanded_through = COALESCE($2::uuid, expanded_through), expanded = expanded + $3,
             status = CASE WHEN $4 THEN 'done' ELSE status END,
             done_at = CASE WHEN $4 THEN now() END
         WHERE id = $1`,
        [due.id, step.last, step.written, done],
      );
      if (step.written > 0) await wakeSenders(em);
      return { batchId: due.batch_id, tasks: step.tasks, written: step.written, done };
    });
  }
}
