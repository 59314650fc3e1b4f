import { startTestApp, TestApp } from '../support/app';
import { newSchedulingWorld } from '../support/factories';

type World = Awaited<ReturnType<typeof newSchedulingWorld>>;

/** Two admins scheduling the same tenants at the same moment: the database lets exactly one win. */
describe('concurrent scheduling', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ env: { DB_POOL_SIZE: '10' } });
    w = await newSchedulingWorld(t.admin, 0);
  });
  afterAll(() => t.close());

  async function newTenants(n: number): Promise<string[]> {
    const res = await t.admin
      .post('/tenants/bulk', {
        tenants: Array.from({ length: n }, (_, i) => ({
          partnerId: w.partner.id,
          name: `c-${Date.now()}-${Math.random()}-${i}`,
          softwareVersion: '1.0.0',
        })),
      })
      .expect(201);
    return res.body.ids;
  }

  async function openTasksPerTenant(ids: string[]): Promise<number[]> {
    const rows = await t.ds.query(
      `SELECT id, (SELECT count(*)::int FROM update_task u WHERE u.tenant_id = t.id AND u.status IN ('scheduled', 'running')) AS n
       FROM tenant t WHERE t.id = ANY($1)`,
      [ids],
    );
    return rows.map((r: { n: number }) => r.n);
  }

  it.each([1, 2, 3, 4, 5])(
    'leaves exactly one open task per tenant with onConflict=skip (round %i)',
    async () => {
      const ids = await newTenants(60);
      const a = ids.slice(0, 40);
      const b = ids.slice(20);
      const body = (tenantIds: string[]) => ({
        tenantIds,
        targetVersion: '2.0.0',
        mode: 'immediate',
        onConflict: 'skip',
      });
      const [ra, rb] = await Promise.all([
        w.partnerApi.post('/update-tasks', body(a)),
        t.admin.post('/update-tasks', body(b)),
      ]);
      expect([ra.status, rb.status]).toEqual([201, 201]);
      expect(ra.body.created + rb.body.created).toBe(60);
      expect(ra.body.skipped.length + rb.body.skipped.length).toBe(20);
      expect(await openTasksPerTenant(ids)).toEqual(Array(60).fill(1));
    },
  );

  it.each([1, 2, 3])(
    'lets one request win and the other create nothing with onConflict=reject (round %i)',
    async () => {
      const ids = await newTenants(40);
      const body = (tenantIds: string[]) => ({
        tenantIds,
        targetVersion: '2.0.0',
        mode: 'immediate',
      });
      const results = await Promise.all([
        w.partnerApi.post('/update-tasks', body(ids.slice(0, 30))),
        t.admin.post('/update-tasks', body(ids.slice(10))),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409]);
      const winner = results.find((r) => r.status === 201);
      expect(winner?.body.created).toBe(30);
      const open = await openTasksPerTenant(ids);
      expect(open.reduce((a, b) => a + b, 0)).toBe(30);
      expect(Math.max(...open)).toBe(1);
    },
  );

  /**
   * The race the unique index settles: another transaction opens a task after this request read the
   * tenants but before it inserts. The request blocks on the index, then finds the tenant taken.
   */
  it.each(['skip', 'reject'])(
    'detects a task opened after planning (onConflict=%s)',
    async (onConflict) => {
      const [taken, free] = await newTenants(2);
      const other = t.ds.createQueryRunner();
      await other.connect();
      await other.startTransaction();
      try {
        const [batch] = await other.query(
          `INSERT INTO update_batch (scope, target_version, mode, options, total) VALUES ('{}', '2.0.0', 'immediate', '{}', 1) RETURNING id`,
        );
        await other.query(
          `INSERT INTO update_task (batch_id, tenant_id, partner_id, platform_id, from_version, target_version, mode, run_at, expected_duration_minutes)
         VALUES ($1, $2, $3, $4, '1.0.0', '2.0.0', 'immediate', now(), 60)`,
          [batch.id, taken, w.partner.id, w.platformId],
        );
        const request = w.partnerApi
          .post('/update-tasks', {
            tenantIds: [taken, free],
            targetVersion: '2.0.0',
            mode: 'immediate',
            onConflict,
          })
          .then((r) => r);
        await waitForLockWait();
        await other.commitTransaction();
        const res = await request;
        if (onConflict === 'skip') {
          expect(res.status).toBe(201);
          expect(res.body.created).toBe(1);
          expect(res.body.skipped).toEqual([
            {
              tenantId: taken,
              code: 'open_task',
              reason: 'an update task was opened for this tenant by a concurrent request',
            },
          ]);
          const batch = await t.admin.get(`/update-batches/${res.body.batchId}`).expect(200);
          expect(batch.body.total).toBe(1);
        } else {
          expect(res.status).toBe(409);
          expect(res.body.details).toEqual([
            { tenantId: taken, code: 'open_task', reason: expect.any(String) },
          ]);
          expect(await openTasksPerTenant([free])).toEqual([0]);
        }
      } finally {
        if (other.isTransactionActive) await other.rollbackTransaction();
        await other.release();
      }
    },
  );

  /** Waits until some backend of this database is blocked on a lock (the request's insert). */
  async function waitForLockWait(): Promise<void> {
    // A deadline, not a number of looks: on a busy machine the request may take a while to get
    // through its guards and reach the insert.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const rows = await t.ds.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the request never waited on the unique index');
  }
});
