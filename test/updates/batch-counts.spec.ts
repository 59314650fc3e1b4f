/**
 * A batch's counts come from `update_batch_count`, which statement-level triggers keep as tasks
 * are inserted, change status (by the service or by any SQL, as the dispatcher's) or are deleted,
 * and which folding keeps short. Checked against a count of the tasks themselves.
 */
import { BatchCountsService } from '../../src/updates/batch-counts.service';
import { startTestApp, TestApp } from '../support/app';
import { newWorld } from '../support/factories';

describe('batch counts kept as tasks change', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof newWorld>>;
  let batchId: string;

  const fromTasks = async () =>
    Object.fromEntries(
      (
        await t.ds.query<{ status: string; n: number }[]>(
          `SELECT status, count(*)::int AS n FROM update_task WHERE batch_id = $1 GROUP BY status`,
          [batchId],
        )
      ).map((r) => [r.status, r.n]),
    );
  const served = async () => {
    const counts = (await t.admin.get(`/update-batches/${batchId}`).expect(200)).body
      .counts as Record<string, number>;
    return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
  };
  const countRows = async () =>
    Number(
      (
        await t.ds.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM update_batch_count WHERE batch_id = $1`,
          [batchId],
        )
      )[0].n,
    );

  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t.admin);
    await w.partnerApi
      .post('/tenants/bulk', {
        tenants: Array.from({ length: 40 }, (_, i) => ({
          name: `c-${i}`,
          softwareVersion: '1.0.0',
        })),
      })
      .expect(201);
    batchId = (
      await w.partnerApi
        .post('/update-tasks', {
          partnerId: w.partner.id,
          targetVersion: '2.0.0',
          mode: 'maintenance_window',
        })
        .expect(201)
    ).body.batchId;
  });
  afterAll(() => t.close());

  it('counts the inserted tasks', async () => {
    expect(await served()).toEqual({ scheduled: 40 });
  });

  it('follows status changes made by any statement, and ignores changes of other columns', async () => {
    const ids = (
      await t.ds.query<{ id: string }[]>(
        `SELECT id FROM update_task WHERE batch_id = $1 ORDER BY id`,
        [batchId],
      )
    ).map((r) => r.id);
    await w.partnerApi.post(`/update-tasks/${ids[0]}/cancel`).expect(200);
    await t.ds.query(`UPDATE update_task SET status = 'running' WHERE id = ANY($1::uuid[])`, [
      ids.slice(1, 11),
    ]);
    const rowsBefore = await countRows();
    await t.ds.query(`UPDATE update_task SET lease_expires_at = now() WHERE id = ANY($1::uuid[])`, [
      ids.slice(1, 11),
    ]);
    expect(await countRows()).toBe(rowsBefore);
    await t.ds.query(
      `UPDATE update_task SET status = CASE WHEN id = $2 THEN 'failed' ELSE 'succeeded' END,
         finished_at = now() WHERE id = ANY($1::uuid[])`,
      [ids.slice(1, 6), ids[1]],
    );
    expect(await served()).toEqual({
      cancelled: 1,
      running: 5,
      succeeded: 4,
      failed: 1,
      scheduled: 29,
    });
    expect(await served()).toEqual(await fromTasks());
  });

  it('follows deleted tasks', async () => {
    const tenant = (
      await t.ds.query<{ tenant_id: string }[]>(
        `SELECT tenant_id FROM update_task WHERE batch_id = $1 AND status = 'cancelled'`,
        [batchId],
      )
    )[0].tenant_id;
    await t.admin.delete(`/tenants/${tenant}`).expect(204);
    expect(await served()).toEqual(await fromTasks());
    expect((await served()).cancelled).toBeUndefined();
  });

  it('folding leaves one row per status and the same counts', async () => {
    const before = await served();
    expect(await countRows()).toBeGreaterThan(Object.keys(before).length);
    expect(await t.app.get(BatchCountsService).fold()).toBeGreaterThanOrEqual(1);
    expect(await countRows()).toBe(Object.keys(before).length);
    expect(await served()).toEqual(before);
    expect(await t.app.get(BatchCountsService).fold()).toBe(0);
  });

  it("a partner admin's counts are its partner's tasks", async () => {
    const res = await w.partnerApi.get(`/update-batches/${batchId}`).expect(200);
    expect(res.body.total).toBe(Object.values(await fromTasks()).reduce((a, b) => a + b, 0));
  });
});
