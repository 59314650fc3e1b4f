import { CLAIM_DUE } from '../../src/scheduler/claims.repository';
import { JOURNAL, LOCK_OWN_RUNNING } from '../../src/scheduler/run-writes.repository';
import { startTestApp, TestApp } from '../support/app';
import { newSchedulingWorld } from '../support/factories';
import { type PlanNode, planNodes } from '../support/plans';

/**
 * The dispatcher's statements that take a list of task ids (the claim's candidates, the runs a
 * write covers) find those tasks by primary key, in the plan they run with (a generic plan: the
 * dispatcher's transactions set plan_cache_mode, see useGenericPlans), whatever the statistics
 * say. Here they say what they say after a bulk schedule was analyzed: no task running. A plan that
 * then read the partial index of running (or due) tasks compared every row it read with every id
 * of the list: 2,000 running tasks × 100 ids per write.
 */
describe('task lookups by id in the dispatcher statements', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(); // no dispatcher: the rows below are written by the test
    const w = await newSchedulingWorld(t.admin, 1);
    await t.ds.query(
      `INSERT INTO tenant (partner_id, platform_id, name, software_version, timezone, window_cron,
         window_duration_minutes, window_timezone)
       SELECT $1, $2, 'lookup-' || g, '1.0.0', 'UTC', '0 2 * * *', 60, 'UTC'
       FROM generate_series(1, 3000) g`,
      [w.partner.id, w.platformId],
    );
    const [batch] = await t.ds.query(
      `INSERT INTO update_batch (scope, target_version, mode, options, total)
       VALUES ('{}', '2.0.0', 'immediate', '{}', 3000) RETURNING id`,
    );
    await t.ds.query(
      `INSERT INTO update_task (batch_id, tenant_id, partner_id, platform_id, from_version,
         target_version, mode, run_at, expected_duration_minutes)
       SELECT $1, tn.id, tn.partner_id, tn.platform_id, '1.0.0', '2.0.0', 'immediate', now(), 60
       FROM tenant tn WHERE tn.name LIKE 'lookup-%'`,
      [batch.id],
    );
    await t.ds.query(`ANALYZE update_task`);
    // Running since the statistics were taken (autovacuum may be off, as on the CI server).
    await t.ds.query(
      `UPDATE update_task SET status = 'running', lease_owner = 'elsewhere',
         lease_expires_at = now() + interval '1 minute'
       WHERE id IN (SELECT id FROM update_task WHERE batch_id = $1 ORDER BY id LIMIT 2000)`,
      [batch.id],
    );
  });
  afterAll(() => t.close());

  /** The nodes of the statement's generic plan that read update_task with an id list. */
  const idListReads = async (sql: string): Promise<PlanNode[]> => {
    const plan = await t.ds.transaction(async (em) => {
      await em.query(`SET LOCAL plan_cache_mode = force_generic_plan`);
      await em.query(`PREPARE lookup AS ${sql}`);
      const count = Math.max(...(sql.match(/\$\d+/g) ?? []).map((p) => Number(p.slice(1))));
      try {
        const nulls = Array.from({ length: count }, () => 'NULL').join(', ');
        const [row] = await em.query(`EXPLAIN (FORMAT JSON) EXECUTE lookup(${nulls})`);
        return row['QUERY PLAN'][0].Plan as PlanNode;
      } finally {
        await em.query(`DEALLOCATE lookup`);
      }
    });
    return planNodes(plan).filter(
      (n) =>
        n['Relation Name'] === 'update_task' &&
        /= ANY/.test(`${n['Index Cond'] ?? ''} ${n.Filter ?? ''}`),
    );
  };

  it.each([
    ['the lock of a write’s runs', LOCK_OWN_RUNNING],
    ['the journal of a write', JOURNAL],
    ['the claim of due tasks', CLAIM_DUE],
  ])('%s reads the listed tasks by primary key', async (_, sql) => {
    const reads = await idListReads(sql);
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) {
      expect([read['Index Name'], read['Index Cond']]).toEqual([
        'update_task_pkey',
        expect.stringMatching(/^\(id = ANY/),
      ]);
    }
  });
});
