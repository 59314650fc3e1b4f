import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Room on each page for the dispatcher's updates. A run changes its tenant twice (`updating` when it
 * is claimed, its state and version when it ends) and its task's progress between steps; none of
 * these columns is indexed, so PostgreSQL can write the new row version on the same page without
 * touching any index (a HOT update) — if the page has room. A bulk import packs the tenant pages
 * full: with the default fillfactor (100) about 70% of those updates went to another page and added
 * an entry to every index of the tenant (six of them, one GIN), measured with bench:dispatch.
 *
 * Only pages written from now on keep the room (no table rewrite, no long lock); existing pages get
 * it back as their rows move.
 */
export class HotUpdates1796014100001 implements MigrationInterface {
  name = 'HotUpdates1796014100001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenant SET (fillfactor = 80)`);
    await q.query(`ALTER TABLE update_task SET (fillfactor = 90)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE update_task RESET (fillfactor)`);
    await q.query(`ALTER TABLE tenant RESET (fillfactor)`);
  }
}
