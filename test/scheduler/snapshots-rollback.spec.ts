import { randomUUID } from 'node:crypto';
import { SnapshotExpiry } from '../../src/scheduler/snapshot-expiry.service';
import { startTestApp, TestApp } from '../support/app';
import { newKey, newPartner, newPlatform, newTenant } from '../support/factories';
import type { Api } from '../support/http';
import { type Call, FakeExecutor } from './fake-executor';
import { finished, schedulerEnv, scheduleNow, taskRow } from './support';

const SECRET = 'executor-secret-for-tests-0123456789';
const DAY_MS = 24 * 3600_000;

/** A platform on the fake deployment API with 1.0.0 → 1.5.0 → 1.8.0 → 2.0.0 (each needs the one before). */
async function pathPlatform(admin: Api, fake: FakeExecutor, extra: Record<string, unknown> = {}) {
  const platform = await newPlatform(admin, {
    executor: { driver: 'http', url: fake.url, secret: SECRET },
    ...extra,
  });
  const versions: [string, string | undefined][] = [
    ['1.0.0', undefined],
    ['1.5.0', undefined],
    ['1.8.0', '1.5.0'],
    ['2.0.0', '1.8.0'],
  ];
  for (const [version, minimumFrom] of versions) {
    await admin
      .post(`/platforms/${platform.id}/versions`, { version, ...(minimumFrom && { minimumFrom }) })
      .expect(201);
  }
  const partner = await newPartner(admin, platform.id);
  return { platformId: platform.id, partnerId: partner.id };
}

const keys = (calls: Call[]) => calls.map((c) => c.body.stepKey);

describe('upgrade paths, snapshots and rollbacks (http executor on a real HTTP server)', () => {
  let t: TestApp;
  let fake: FakeExecutor;
  let partnerId: string;
  let platformId: string;
  /** `tenantId:stepKey` that the fake fails, once each. */
  let failing: Set<string>;

  beforeAll(async () => {
    fake = await new FakeExecutor(SECRET).start();
    t = await startTestApp({ env: schedulerEnv({ EXECUTOR_POLL_MS: '100' }) });
    ({ partnerId, platformId } = await pathPlatform(t.admin, fake));
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  beforeEach(() => {
    failing = new Set();
    fake.onStep = (c) => {
      const key = `${c.body.tenant.id}:${c.body.stepKey}`;
      if (failing.has(key)) {
        failing.delete(key);
        return {
          body: { status: 'failed', message: `${c.body.stepKey}: service does not answer` },
        };
      }
      return c.body.step === 'backup'
        ? { body: { status: 'succeeded', snapshotId: `snap-${c.body.stepKey}-${c.body.taskId}` } }
        : { body: { status: 'succeeded' } };
    };
  });

  it('applies a three-hop path in order with a reboot after each, and the task shows its path', async () => {
    const { id: tenantId } = await newTenant(t.admin, partnerId, { softwareVersion: '1.0.0' });
    const [taskId] = await scheduleNow(t.admin, [tenantId]);
    const scheduled = (await t.admin.get(`/update-tasks/${taskId}`).expect(200)).body;
    expect(scheduled.path).toEqual(['1.0.0', '1.5.0', '1.8.0', '2.0.0']);

    expect((await finished(t.ds, taskId)).status).toBe('succeeded');
    const calls = fake.stepCalls(taskId);
    expect(keys(calls)).toEqual([
      'precheck',
      'backup',
      'apply[1.5.0]',
      'reboot[1.5.0]',
      'apply[1.8.0]',
      'reboot[1.8.0]',
      'apply[2.0.0]',
      'reboot[2.0.0]',
      'verify',
    ]);
    const hops = calls
      .filter((c) => c.body.step === 'apply')
      .map((c) => `${c.body.fromVersion}->${c.body.targetVersion}`);
    expect(hops).toEqual(['1.0.0->1.5.0', '1.5.0->1.8.0', '1.8.0->2.0.0']);
    expect(calls[0].body.path).toEqual(['1.0.0', '1.5.0', '1.8.0', '2.0.0']);
    for (const c of calls) expect(c.idempotencyKey).toBe(`${taskId}:1:${c.body.stepKey}`);

    const log = (await t.admin.get(`/update-tasks/${taskId}/log`)).text;
    expect(log).toContain('Update:   1.0.0 -> 1.5.0 -> 1.8.0 -> 2.0.0');
    expect(log).toContain('installing 1.8.0 (hop 2 of 3: 1.5.0 -> 1.8.0)');
    expect(log).toContain('rebooting on 2.0.0 (hop 3 of 3: 1.8.0 -> 2.0.0)');
    expect((await t.admin.get(`/tenants/${tenantId}`)).body.softwareVersion).toBe('2.0.0');
  });

  it("resumes a path interrupted between hops at the next hop (the dead replica's lease lapsed)", async () => {
    const { id: tenantId } = await newTenant(t.admin, partnerId, { softwareVersion: '1.0.0' });
    const runAt = new Date(Date.now() + DAY_MS).toISOString();
    const [taskId] = await scheduleNow(t.admin, [tenantId], { mode: 'custom', runAt });
    const done = [
      'precheck',
      'backup',
      'apply[1.5.0]',
      'reboot[1.5.0]',
      'apply[1.8.0]',
      'reboot[1.8.0]',
    ];
    await t.ds.query(
      `WITH x AS (
         UPDATE update_task SET status = 'running', lease_owner = 'dead-replica',
           lease_expires_at = now() - interval '1 second', attempts = 1, run_attempts = 1,
           done_steps = $2, started_at = now(), tenant_prior_state = 'active', run_at = now()
         WHERE id = $1 RETURNING tenant_id)
       UPDATE tenant SET state = 'updating' FROM x WHERE tenant.id = x.tenant_id`,
      [taskId, done],
    );
    expect((await finished(t.ds, taskId)).status).toBe('succeeded');
    expect(keys(fake.stepCalls(taskId))).toEqual(['apply[2.0.0]', 'reboot[2.0.0]', 'verify']);
    const log = (await t.admin.get(`/update-tasks/${taskId}/log`)).text;
    expect(log).toContain(`completed steps kept: ${done.join(', ')}`);
    expect((await t.admin.get(`/tenants/${tenantId}`)).body.softwareVersion).toBe('2.0.0');
  });

  it('runs the migrate step of each hop where the platform declares it', async () => {
    const world = await pathPlatform(t.admin, fake, {
      updateSteps: ['verify', 'migrate', 'apply', 'precheck'],
    });
    const platform = (await t.admin.get(`/platforms/${world.platformId}`).expect(200)).body;
    expect(platform.updateSteps).toEqual(['precheck', 'apply', 'migrate', 'verify']);
    expect(platform.snapshotRetentionDays).toBe(7);
    const { id: tenantId } = await newTenant(t.admin, world.partnerId, {
      softwareVersion: '1.5.0',
    });
    const [taskId] = await scheduleNow(t.admin, [tenantId]);
    expect((await finished(t.ds, taskId)).status).toBe('succeeded');
    expect(keys(fake.stepCalls(taskId))).toEqual([
      'precheck',
      'apply[1.8.0]',
      'migrate[1.8.0]',
      'apply[2.0.0]',
      'migrate[2.0.0]',
      'verify',
    ]);
  });

  it('refuses a target without an upgrade path at scheduling time (422 naming the missing link); nothing is written', async () => {
    const platform = await newPlatform(t.admin, {
      executor: { driver: 'http', url: fake.url, secret: SECRET },
    });
    await t.admin.post(`/platforms/${platform.id}/versions`, { version: '1.0.0' }).expect(201);
    await t.admin
      .post(`/platforms/${platform.id}/versions`, { version: '1.5.0', channel: 'prohibited' })
      .expect(201);
    await t.admin
      .post(`/platforms/${platform.id}/versions`, { version: '2.0.0', minimumFrom: '1.5.0' })
      .expect(201);
    const partner = await newPartner(t.admin, platform.id);
    const { id: tenantId } = await newTenant(t.admin, partner.id);
    const batches = async () =>
      (await t.ds.query(`SELECT count(*)::int AS n FROM update_batch`))[0].n as number;
    const before = await batches();

    const res = await t.admin
      .post('/update-tasks', { tenantIds: [tenantId], targetVersion: '2.0.0', mode: 'immediate' })
      .expect(422);
    expect(res.body.details[0]).toMatchObject({
      field: 'tenantIds[0]',
      tenantId,
      code: 'no_upgrade_path',
    });
    expect(res.body.details[0].reason).toContain(
      'no upgrade path from 1.0.0 to 2.0.0: 2.0.0 needs at least 1.5.0',
    );
    expect(await batches()).toBe(before);
    const tasks = await t.ds.query(`SELECT 1 FROM update_task WHERE tenant_id = $1`, [tenantId]);
    expect(tasks).toHaveLength(0);
  });

  it('answers bad input with 400 naming the field, and writes nothing', async () => {
    const versions = `/platforms/${platformId}/versions`;
    const bad = await t.admin.post(versions, { version: '3.0.0', minimumFrom: 'soon' }).expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'minimumFrom' })]);
    const newer = await t.admin
      .post(versions, { version: '3.0.0', minimumFrom: '3.1.0' })
      .expect(400);
    expect(newer.body.details).toEqual([expect.objectContaining({ field: 'minimumFrom' })]);
    await t.admin.get(`${versions}/3.0.0`).expect(404);

    const before = (await t.admin.get(`/platforms/${platformId}`)).body;
    for (const body of [
      { updateSteps: ['precheck', 'verify'] },
      { updateSteps: ['apply', 'bogus'] },
      { updateSteps: 'apply' },
      { snapshotRetentionDays: 0 },
    ]) {
      const res = await t.admin.patch(`/platforms/${platformId}`, body).expect(400);
      expect(res.body.details[0].field).toBe(Object.keys(body)[0]);
    }
    expect((await t.admin.get(`/platforms/${platformId}`)).body).toEqual(before);

    const { id: tenantId } = await newTenant(t.admin, partnerId, { softwareVersion: '1.8.0' });
    const flag = await t.admin
      .post('/update-tasks', {
        tenantIds: [tenantId],
        targetVersion: '2.0.0',
        mode: 'immediate',
        rollbackOnFailure: 'yes',
      })
      .expect(400);
    expect(flag.body.details[0].field).toBe('rollbackOnFailure');
    const [taskId] = await scheduleNow(t.admin, [tenantId]);
    await finished(t.ds, taskId);
    const mode = await t.admin
      .post(`/update-tasks/${taskId}/rollback`, { mode: 'soon' })
      .expect(400);
    expect(mode.body.details[0].field).toBe('mode');
    const runAt = await t.admin
      .post(`/update-tasks/${taskId}/rollback`, { mode: 'custom' })
      .expect(400);
    expect(runAt.body.details[0].field).toBe('runAt');
    const rollbacks = await t.ds.query(`SELECT 1 FROM update_task WHERE rollback_of = $1`, [
      taskId,
    ]);
    expect(rollbacks).toHaveLength(0);
  });

  it('records the backup as a snapshot for a week, and a rollback restores it and its version', async () => {
    const { id: tenantId } = await newTenant(t.admin, partnerId, { softwareVersion: '1.8.0' });
    const [taskId] = await scheduleNow(t.admin, [tenantId], { notifyPartner: true });
    expect((await finished(t.ds, taskId)).status).toBe('succeeded');

    const snapshots = (await t.admin.get(`/tenants/${tenantId}/snapshots`).expect(200)).body.items;
    expect(snapshots).toEqual([
      expect.objectContaining({
        externalId: `snap-backup-${taskId}`,
        tenantId,
        taskId,
        node: null,
        version: '1.8.0',
        state: 'available',
        pinned: false,
      }),
    ]);
    const [snapshot] = snapshots;
    expect(Date.parse(snapshot.expiresAt) - Date.parse(snapshot.takenAt)).toBe(7 * DAY_MS);
    const task = (await t.admin.get(`/update-tasks/${taskId}`).expect(200)).body;
    expect(task.snapshots).toEqual([snapshot]);
    expect(task.actions).toContain('rollback');

    const rollback = (
      await t.admin.post(`/update-tasks/${taskId}/rollback`, { mode: 'immediate' }).expect(201)
    ).body;
    expect(rollback).toMatchObject({
      kind: 'rollback',
      rollbackOf: taskId,
      fromVersion: '2.0.0',
      targetVersion: '1.8.0',
      path: ['2.0.0', '1.8.0'],
      notifyPartner: true,
    });
    expect(rollback.actions).not.toContain('rollback');
    const notices = await t.ds.query(
      `SELECT event FROM outbox_email WHERE batch_id = $1 ORDER BY id`,
      [rollback.batchId],
    );
    expect(notices.map((n: { event: string }) => n.event)).toContain('task.scheduled');

    expect((await finished(t.ds, rollback.id)).status).toBe('succeeded');
    const calls = fake.stepCalls(rollback.id);
    expect(keys(calls)).toEqual(['precheck', 'restore', 'reboot', 'verify']);
    expect(calls[1].body).toMatchObject({
      snapshotId: `snap-backup-${taskId}`,
      fromVersion: '2.0.0',
      targetVersion: '1.8.0',
    });
    expect((await t.admin.get(`/tenants/${tenantId}`)).body).toMatchObject({
      softwareVersion: '1.8.0',
      state: 'active',
    });
    await t.admin.post(`/update-tasks/${rollback.id}/rollback`, { mode: 'immediate' }).expect(409);
  });

  it('lets partner admins roll back their own tasks but not forced ones (task policy)', async () => {
    const partnerKey = await newKey(t.admin, 'partner_admin', partnerId);
    const partner = t.admin.as(partnerKey);
    const { id: tenantId } = await newTenant(t.admin, partnerId, { softwareVersion: '1.8.0' });
    const [forcedId] = await scheduleNow(t.admin, [tenantId], { forced: true });
    expect((await finished(t.ds, forcedId)).status).toBe('succeeded');
    const refused = await partner
      .post(`/update-tasks/${forcedId}/rollback`, { mode: 'immediate' })
      .expect(403);
    expect(refused.body.details[0]).toMatchObject({ taskId: forcedId, code: 'forced_task' });

    const { id: own } = await newTenant(t.admin, partnerId, { softwareVersion: '1.8.0' });
    const [ownTask] = await scheduleNow(partner, [own]);
    expect((await finished(t.ds, ownTask)).status).toBe('succeeded');
    const rollback = await partner
      .post(`/update-tasks/${ownTask}/rollback`, { mode: 'immediate' })
      .expect(201);
    // One open task per tenant: a second rollback while the first is open is refused.
    await partner.post(`/update-tasks/${ownTask}/rollback`, { mode: 'immediate' }).expect(409);
    expect((await finished(t.ds, rollback.body.id)).status).toBe('succeeded');
  });

  it("places a rollback as any update: a tenant's blackout refuses it, unless it is a platform admin's forced one", async () => {
    const partner = t.admin.as(await newKey(t.admin, 'partner_admin', partnerId));
    const { id: own } = await newTenant(t.admin, partnerId, { softwareVersion: '1.8.0' });
    const { id: forcedTenant } = await newTenant(t.admin, partnerId, { softwareVersion: '1.8.0' });
    const [ownTask] = await scheduleNow(partner, [own]);
    const [forcedTask] = await scheduleNow(t.admin, [forcedTenant], { forced: true });
    expect((await finished(t.ds, ownTask)).status).toBe('succeeded');
    expect((await finished(t.ds, forcedTask)).status).toBe('succeeded');
    const now = t.clock.now().getTime();
    const closing = {
      startsAt: new Date(now - 3600_000).toISOString(),
      endsAt: new Date(now + DAY_MS).toISOString(),
      reason: 'Year-end closing',
    };
    for (const tenantId of [own, forcedTenant]) {
      await t.admin.post(`/tenants/${tenantId}/blackouts`, closing).expect(201);
    }
    // Now is inside the blackout: an immediate rollback is refused as an immediate update is,
    // whoever asks for it.
    for (const api of [partner, t.admin]) {
      const refused = await api
        .post(`/update-tasks/${ownTask}/rollback`, { mode: 'immediate' })
        .expect(422);
      expect(refused.body.details[0]).toMatchObject({ code: 'blackout_overlap' });
    }
    // A platform admin's rollback of its forced update is a platform admin's forced update.
    const forcedRollback = (
      await t.admin.post(`/update-tasks/${forcedTask}/rollback`, { mode: 'immediate' }).expect(201)
    ).body;
    expect(forcedRollback).toMatchObject({ kind: 'rollback', forced: true });
    expect((await finished(t.ds, forcedRollback.id)).status).toBe('succeeded');
  });

  it('deletes a snapshot early through the executor, keeps a pinned one, and refuses a rollback to a deleted one (409 naming it)', async () => {
    const expiry = t.app.get(SnapshotExpiry);
    const { id: a } = await newTenant(t.admin, partnerId, { softwareVersion: '1.8.0' });
    const { id: b } = await newTenant(t.admin, partnerId, { softwareVersion: '1.8.0' });
    const [taskA, taskB] = await scheduleNow(t.admin, [a, b]);
    await finished(t.ds, taskA);
    await finished(t.ds, taskB);
    const [snapA] = (await t.admin.get(`/tenants/${a}/snapshots`)).body.items;
    const [snapB] = (await t.admin.get(`/tenants/${b}/snapshots`)).body.items;

    const partnerKey = await newKey(t.admin, 'partner_admin', partnerId);
    await t.admin.as(partnerKey).delete(`/snapshots/${snapA.id}`).expect(403);
    const deleting = (await t.admin.delete(`/snapshots/${snapA.id}`).expect(202)).body;
    expect(Date.parse(deleting.expiresAt)).toBeLessThanOrEqual(Date.now() + 1000);
    const pinned = (await t.admin.patch(`/snapshots/${snapB.id}`, { pinned: true }).expect(200))
      .body;
    expect(pinned.pinned).toBe(true);
    await t.ds.query(`UPDATE snapshot SET expires_at = now() - interval '1 day' WHERE id = $1`, [
      snapB.id,
    ]);

    await expiry.deleteExpired();
    const deletes = fake
      .deleteCalls()
      .filter((c) => [snapA.externalId, snapB.externalId].includes(c.body.snapshotId ?? ''));
    expect(deletes.map((c) => c.body.snapshotId)).toEqual([snapA.externalId]);
    expect(deletes[0].signatureValid).toBe(true);
    expect(deletes[0].idempotencyKey).toBe(`snapshot:${snapA.id}:delete`);
    expect((await t.admin.get(`/snapshots/${snapA.id}`)).body).toMatchObject({
      state: 'deleted',
      deleteResult: 'snapshot deleted',
    });
    expect((await t.admin.get(`/snapshots/${snapB.id}`)).body.state).toBe('available');

    const refused = await t.admin
      .post(`/update-tasks/${taskA}/rollback`, { mode: 'immediate' })
      .expect(409);
    expect(refused.body.message).toContain(`Snapshot ${snapA.id} (${snapA.externalId})`);
    expect(refused.body.message).toContain('is deleted');
    expect(
      await t.ds.query(`SELECT 1 FROM update_task WHERE rollback_of = $1`, [taskA]),
    ).toHaveLength(0);
  });

  it('rolls back automatically when verify fails on a single node: failed, rolledBack, on its old version', async () => {
    const { id: tenantId } = await newTenant(t.admin, partnerId, { softwareVersion: '1.8.0' });
    failing.add(`${tenantId}:verify`);
    const [taskId] = await scheduleNow(t.admin, [tenantId], { rollbackOnFailure: true });
    const row = await finished(t.ds, taskId);
    expect(row.status).toBe('failed');
    expect(keys(fake.stepCalls(taskId))).toEqual([
      'precheck',
      'backup',
      'apply',
      'reboot',
      'verify',
      'restore[1.8.0]',
      'reboot[1.8.0]',
      'verify[1.8.0]',
    ]);
    const restore = fake.stepCalls(taskId).find((c) => c.body.step === 'restore') as Call;
    expect(restore.body).toMatchObject({
      snapshotId: `snap-backup-${taskId}`,
      fromVersion: '2.0.0',
      targetVersion: '1.8.0',
    });
    const task = (await t.admin.get(`/update-tasks/${taskId}`)).body;
    expect(task).toMatchObject({ status: 'failed', rolledBack: true, rollbackOnFailure: true });
    expect(task.error).toContain('verify failed: verify: service does not answer');
    expect(task.error).toContain('rolled back to 1.8.0');
    const log = (await t.admin.get(`/update-tasks/${taskId}/log`)).text;
    expect(log).toContain('rollbackOnFailure: restoring the tenant to 1.8.0');
    expect(log).toContain('the update was rolled back and the tenant is back to active on 1.8.0');
    expect((await t.admin.get(`/tenants/${tenantId}`)).body).toMatchObject({
      softwareVersion: '1.8.0',
      state: 'active',
    });
  });

  it('rolls back automatically every updated node of an HA tenant, then unfreezes failover', async () => {
    const nodes = [{ name: 'node-a' }, { name: 'node-b' }, { name: 'node-c' }];
    const { id: tenantId } = await newTenant(t.admin, partnerId, {
      softwareVersion: '1.8.0',
      nodes,
    });
    failing.add(`${tenantId}:verify@node-b`);
    const [taskId] = await scheduleNow(t.admin, [tenantId], { rollbackOnFailure: true });
    expect((await finished(t.ds, taskId)).status).toBe('failed');
    const calls = fake.stepCalls(taskId);
    expect(keys(calls)).toEqual([
      'precheck',
      'freeze_failover',
      'backup@node-a',
      'apply@node-a',
      'reboot@node-a',
      'verify@node-a',
      'backup@node-b',
      'apply@node-b',
      'reboot@node-b',
      'verify@node-b',
      'restore[1.8.0]@node-a',
      'reboot[1.8.0]@node-a',
      'verify[1.8.0]@node-a',
      'restore[1.8.0]@node-b',
      'reboot[1.8.0]@node-b',
      'verify[1.8.0]@node-b',
      'unfreeze_failover',
    ]);
    for (const node of ['node-a', 'node-b']) {
      const restore = calls.find((c) => c.body.stepKey === `restore[1.8.0]@${node}`) as Call;
      expect(restore.body.snapshotId).toBe(`snap-backup@${node}-${taskId}`);
    }
    expect(await taskRow(t.ds, taskId)).toMatchObject({ rolled_back: true });
    expect((await t.admin.get(`/tenants/${tenantId}`)).body).toMatchObject({
      softwareVersion: '1.8.0',
      state: 'active',
    });
  });

  it('with two scheduler replicas, retention deletes exactly the expired unpinned snapshots, each once', async () => {
    const second = await startTestApp({ databaseUrl: t.databaseUrl, env: schedulerEnv() });
    try {
      const { id: tenantId } = await newTenant(t.admin, partnerId, { softwareVersion: '1.8.0' });
      const [taskId] = await scheduleNow(t.admin, [tenantId]);
      await finished(t.ds, taskId);
      await t.ds.query(`DELETE FROM snapshot WHERE task_id = $1`, [taskId]);
      const kinds = [
        ...Array.from({ length: 12 }, () => ({ expired: true, pinned: false })),
        ...Array.from({ length: 4 }, () => ({ expired: true, pinned: true })),
        ...Array.from({ length: 4 }, () => ({ expired: false, pinned: false })),
      ];
      const ids: string[] = [];
      for (const [i, k] of kinds.entries()) {
        const [row] = await t.ds.query(
          `INSERT INTO snapshot (external_id, platform_id, tenant_id, task_id, run, step_key, version,
             taken_at, expires_at, pinned)
           VALUES ($1, $2, $3, $4, 1, $5, '1.8.0', now() - interval '8 days',
             now() + CASE WHEN $6 THEN interval '-1 day' ELSE interval '1 day' END, $7)
           RETURNING id`,
          [
            `retention-${randomUUID()}`,
            platformId,
            tenantId,
            taskId,
            `backup#${i}`,
            k.expired,
            k.pinned,
          ],
        );
        ids.push(row.id);
      }
      const replicas = [t.app.get(SnapshotExpiry), second.app.get(SnapshotExpiry)];
      expect(replicas[0]).not.toBe(replicas[1]);
      const deleted = await Promise.all(replicas.map((r) => r.deleteExpired()));
      expect(deleted.reduce((n, d) => n + d, 0)).toBe(12);
      await Promise.all(replicas.map((r) => r.deleteExpired())); // nothing left to do

      const rows: { id: string; external_id: string; state: string }[] = await t.ds.query(
        `SELECT id, external_id, state FROM snapshot WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      const expected = ids.slice(0, 12).map((id) => byId.get(id)?.external_id);
      const calls = fake
        .deleteCalls()
        .map((c) => c.body.snapshotId)
        .filter((id) => id?.startsWith('retention-'));
      expect([...calls].sort()).toEqual([...expected].sort());
      expect(ids.map((id) => byId.get(id)?.state)).toEqual([
        ...Array(12).fill('deleted'),
        ...Array(8).fill('available'),
      ]);
    } finally {
      await second.close();
    }
  });
});
