import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the notification sender needs beyond the outbox written by scheduling.
 *
 * Every index here is partial on a state that freshly written rows of the bulk path do not have
 * (customer notices and batch digests carry no group key; nothing is written 'sending' or 'dead'),
 * so scheduling 100,000 tasks pays none of them. Only partner notices of later task events, which
 * are merged into digests by group key, pay for outbox_email_group.
 */
export class Notifications1795392300000 implements MigrationInterface {
  name = 'Notifications1795392300000';

  async up(q: QueryRunner): Promise<void> {
    // A resend is a new e-mail: its Message-ID must differ from the first one (see docs/notifications.md).
    await q.query(`ALTER TABLE outbox_email ADD COLUMN resends int NOT NULL DEFAULT 0`);
    // Finding the groups that are due, and claiming a whole group at once.
    await q.query(`
      CREATE INDEX outbox_email_group ON outbox_email (group_key, next_attempt_at)
      WHERE status = 'pending' AND group_key IS NOT NULL`);
    // Recovering e-mails whose sender stopped while sending them.
    await q.query(`
      CREATE INDEX outbox_email_leased ON outbox_email (lease_expires_at) WHERE status = 'sending'`);
    // GET /notifications?status=dead: the e-mails an admin has to look at, without a table scan.
    await q.query(`CREATE INDEX outbox_email_dead ON outbox_email (id) WHERE status = 'dead'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_email_dead`);
    await q.query(`DROP INDEX outbox_email_leased`);
    await q.query(`DROP INDEX outbox_email_group`);
    await q.query(`ALTER TABLE outbox_email DROP COLUMN resends`);
  }
}
