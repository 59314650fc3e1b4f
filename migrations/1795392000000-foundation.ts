import { MigrationInterface, QueryRunner } from 'typeorm';

/** Platforms, partners, tenants, software versions, API keys and the audit log. */
export class Foundation1795392000000 implements MigrationInterface {
  name = 'Foundation1795392000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        name text NOT NULL UNIQUE,
        timezone text NOT NULL,
        executor_driver text NULL CHECK (executor_driver IN ('simulated', 'http')),
        executor_url text NULL,
        executor_secret text NULL,
        default_window_cron text NOT NULL,
        default_window_duration_minutes int NOT NULL
          CHECK (default_window_duration_minutes BETWEEN 15 AND 1440),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE partner (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE RESTRICT,
        name text NOT NULL,
        contacts jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (platform_id, name)
      )`);
    await q.query(`
      CREATE TABLE tenant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        partner_id uuid NOT NULL REFERENCES partner (id) ON DELETE RESTRICT,
        platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE RESTRICT,
        name text NOT NULL,
        software_version text NOT NULL,
        customer_email text NULL,
        locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'de', 'it')),
        timezone text NOT NULL,
        window_cron text NOT NULL,
        window_duration_minutes int NOT NULL CHECK (window_duration_minutes BETWEEN 15 AND 1440),
        window_timezone text NOT NULL,
        auto_update_allowed boolean NOT NULL DEFAULT true,
        customizations boolean NOT NULL DEFAULT false,
        nodes jsonb NOT NULL DEFAULT '[]',
        simulate jsonb NULL,
        state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'updating', 'locked', 'failed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (partner_id, name)
      )`);
    await q.query(`CREATE INDEX tenant_partner_seq ON tenant (partner_id, seq)`);
    await q.query(`CREATE INDEX tenant_platform_seq ON tenant (platform_id, seq)`);
    await q.query(`
      CREATE TABLE software_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        platform_id uuid NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
        version text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('recommended', 'available', 'test', 'prohibited')),
        release_notes text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (platform_id, version)
      )`);
    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('platform_admin', 'partner_admin')),
        partner_id uuid NULL REFERENCES partner (id) ON DELETE CASCADE,
        key_hash text NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NULL,
        revoked_at timestamptz NULL,
        CHECK ((role = 'partner_admin') = (partner_id IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_key_id uuid NULL,
        actor_role text NULL,
        actor_partner_id uuid NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NULL,
        before jsonb NULL,
        after jsonb NULL
      )`);
    await q.query(`CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'api_key',
      'software_version',
      'tenant',
      'partner',
      'platform',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
