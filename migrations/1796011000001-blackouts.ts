import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Blackout periods of a tenant or of a partner (all its tenants): no update starts inside one.
 * A period repeats weekly, monthly or yearly at the same wall-clock time in `timezone`. The two
 * partial indexes serve the blocking source (blackouts of the tenants and partners of a platform)
 * and the scheduling groups (does this tenant or partner have any).
 */
export class Blackouts1796011000001 implements MigrationInterface {
  name = 'Blackouts1796011000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE blackout (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        tenant_id uuid NULL REFERENCES tenant (id) ON DELETE CASCADE,
        partner_id uuid NULL REFERENCES partner (id) ON DELETE CASCADE,
        platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        repeat text NOT NULL CHECK (repeat IN ('none', 'weekly', 'monthly', 'yearly')),
        timezone text NOT NULL,
        reason text NOT NULL,
        conflict_policy text NOT NULL CHECK (conflict_policy IN ('cancel', 'reschedule')),
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((tenant_id IS NULL) <> (partner_id IS NULL)),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(
      `CREATE INDEX blackout_tenant ON blackout (tenant_id, seq) WHERE tenant_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX blackout_partner ON blackout (partner_id, seq) WHERE partner_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX blackout_platform ON blackout (platform_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE blackout`);
  }
}
