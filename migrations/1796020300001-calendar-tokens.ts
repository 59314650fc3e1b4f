import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each tenant's calendar feed (`GET /calendar/<token>.ics`) is reached by a secret token: 256
 * random bits (two version-4 UUIDs from PostgreSQL's strong random source) as 64 hex digits. The
 * column default is the one rule for a new token: a new tenant gets one, and a rotation sets the
 * column back to its DEFAULT. The token is kept in clear (it is shown to partner admins as the
 * feed's address); the unique index is how a feed request finds its tenant.
 */
export class CalendarTokens1796020300001 implements MigrationInterface {
  name = 'CalendarTokens1796020300001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tenant ADD COLUMN calendar_token text NOT NULL
        DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`);
    await q.query(`CREATE UNIQUE INDEX tenant_calendar_token ON tenant (calendar_token)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tenant_calendar_token`);
    await q.query(`ALTER TABLE tenant DROP COLUMN calendar_token`);
  }
}
