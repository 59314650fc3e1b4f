import { LeaseOwner } from '../../src/scheduler/lease-owner';
import { type JournalEntry } from '../../src/scheduler/journal-segment';
import { RunJournal } from '../../src/scheduler/run-journal';
import { startTestApp, TestApp } from '../support/app';
import { newSchedulingWorld } from '../support/factories';
import { scheduleNow } from './support';

/**
 * The journal commits the writes of runs in groups and folds a run's last line into the chunk of
 * its other lines of the same flush. The log reads back in the order the run wrote it, the
 * completion's line last: a write made after the completion (an executor reporting once its step
 * is over) is refused, in the completion's flush as in any later one.
 */
describe('the step log of a run that ends (run journal)', () => {
  let t: TestApp;
  let journal: RunJournal;
  let ids: string[];

  beforeAll(async () => {
    t = await startTestApp();
    const w = await newSchedulingWorld(t.admin, 6);
    ids = await scheduleNow(w.partnerApi, w.tenantIds);
    // Claimed by this process (the dispatcher is off: the test writes as its runner would).
    await t.ds.query(
      `UPDATE update_task SET status = 'running', lease_owner = $2, run = 1, attempts = 1,
              lease_expires_at = now() + interval '1 hour', started_at = now()
        WHERE id = ANY($1::uuid[])`,
      [ids, t.app.get(LeaseOwner).id],
    );
    journal = t.app.get(RunJournal);
  });
  afterAll(() => t.close());

  const line = (taskId: string, message: string, attempt = 1): JournalEntry => ({
    taskId,
    attempt,
    event: { kind: 'info', message },
  });
  const end = (taskId: string, attempt = 1, message = 'the end') =>
    journal.complete({
      taskId,
      status: 'succeeded',
      error: null,
      message,
      attempt,
      tenantFailed: false,
    });
  const log = async (taskId: string): Promise<string[]> =>
    (
      await t.ds.query(`SELECT message FROM task_event WHERE task_id = $1 ORDER BY id`, [taskId])
    ).map((r: { message: string }) => r.message);

  it('a line written after the completion in the same flush, with lines before it: refused, the last line stays last', async () => {
    const taskId = ids[0];
    // One turn of the event loop: one flush, where the completion's line joins the run's chunk.
    const first = journal.write(line(taskId, 'step one'));
    const ended = end(taskId);
    const late = journal.write(line(taskId, 'too late'));
    await expect(ended).resolves.toBe(true);
    await expect(first).resolves.toMatchObject({ held: true });
    // The run is over, not lost: nothing for the runner to stop.
    await expect(late).resolves.toEqual({ held: true, cancelRequested: false });
    await journal.idle();
    expect(await log(taskId)).toEqual(['step one', 'the end']);
  });

  it('a line written after the completion in the same flush, the completion alone: refused, not put before it', async () => {
    const taskId = ids[1];
    const ended = end(taskId);
    const late = journal.write(line(taskId, 'too late'));
    await expect(ended).resolves.toBe(true);
    await late;
    await journal.idle();
    expect(await log(taskId)).toEqual(['the end']);
  });

  it('a line written after the completion committed: refused by the lease', async () => {
    const taskId = ids[2];
    void journal.write(line(taskId, 'step one'));
    await expect(end(taskId)).resolves.toBe(true);
    await expect(journal.write(line(taskId, 'too late'))).resolves.toMatchObject({ held: false });
    await journal.idle();
    expect(await log(taskId)).toEqual(['step one', 'the end']);
  });

  it("an earlier attempt's late completion neither ends the run that claimed the task again in this process nor holds back its lines", async () => {
    const taskId = ids[3];
    // This process claimed the task again (its lease had lapsed: attempt 2) while the first
    // attempt's completion was still being retried, as through an outage longer than the lease.
    await t.ds.query(`UPDATE update_task SET attempts = 2 WHERE id = $1`, [taskId]);
    const stale = end(taskId, 1, 'the first attempt ended');
    const second = journal.write(line(taskId, 'attempt 2 goes on', 2));
    await expect(stale).resolves.toBe(false);
    await expect(second).resolves.toMatchObject({ held: true });
    const [{ status }] = await t.ds.query(`SELECT status FROM update_task WHERE id = $1`, [taskId]);
    expect(status).toBe('running');
    await expect(end(taskId, 2)).resolves.toBe(true);
    await journal.idle();
    expect(await log(taskId)).toEqual(['attempt 2 goes on', 'the end']);
  });
  it('an executor message with a NUL in a failed run: stored without it, and the other runs of the flush end too', async () => {
    const [bad, good] = [ids[4], ids[5]];
    // One turn of the event loop: both completions in one flush.
    const ok = end(good, 1, 'fine');
    const nul = journal.complete({
      taskId: bad,
      status: 'failed',
      error: 'apply failed: disk\u0000full',
      message: 'failed: apply failed: disk\u0000full',
      attempt: 1,
      tenantFailed: false,
    });
    await expect(Promise.all([ok, nul])).resolves.toEqual([true, true]);
    const rows = (await t.ds.query(
      `SELECT id, status, error FROM update_task WHERE id = ANY($1::uuid[])`,
      [[bad, good]],
    )) as { id: string; status: string; error: string | null }[];
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.status, r.error]]))).toEqual({
      [bad]: ['failed', 'apply failed: diskfull'],
      [good]: ['succeeded', null],
    });
    expect(await log(bad)).toEqual(['failed: apply failed: diskfull']);
  });
});
