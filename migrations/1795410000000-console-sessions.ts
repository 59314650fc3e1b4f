import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Console sign-in: an API key exchanged for a session carried by an HttpOnly cookie. Only the
 * SHA-256 of the session token is stored (like API keys); the CSRF token is derived from the token
 * itself, so nothing that authenticates a browser is readable from the database.
 */
export class ConsoleSessions1795410000000 implements MigrationInterface {
  name = 'ConsoleSessions1795410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE console_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        api_key_id uuid NOT NULL REFERENCES api_key (id) ON DELETE CASCADE,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    // Revoking an API key ends its sessions; listing a key's sessions.
    await q.query(`CREATE INDEX console_session_key ON console_session (api_key_id)`);
    // Pruning ended sessions.
    await q.query(`CREATE INDEX console_session_expires ON console_session (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE console_session`);
  }
}
