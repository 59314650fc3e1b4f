import {
  RECENT_STEP_DURATIONS,
  RunControlRepository,
} from '../../src/scheduler/run-control.repository';
import { startTestApp, TestApp } from '../support/app';
import { newSchedulingWorld } from '../support/factories';
import { type PlanNode, planNodes } from '../support/plans';
import { scheduleNow } from './support';

/**
 * The averages a dispatcher's ETAs start from: the newest completed steps of the log, read by the
 * index on chunk id (a dispatcher starts with them, whatever the size of the history kept).
 */
describe('recent step durations', () => {
  let t: TestApp;
  let taskIds: string[];
  let platformId: string;

  beforeAll(async () => {
    t = await startTestApp(); // no dispatcher: the log below is written by the test
    const w = await newSchedulingWorld(t.admin, 2);
    platformId = w.platformId;
    taskIds = await scheduleNow(w.partnerApi, w.tenantIds);
  });
  afterAll(() => t.close());

  const chunk = (taskId: string, steps: [string, number][]) =>
    t.ds.query(`INSERT INTO task_log_chunk (task_id, attempt, lines) VALUES ($1, 1, $2)`, [
      taskId,
      JSON.stringify(
        steps.flatMap(([step, ms]) => [
          { at: new Date(), kind: 'step_started', step, message: `${step} started` },
          { at: new Date(), kind: 'step_completed', step, duration_ms: ms, message: 'done' },
        ]),
      ),
    ]);

  it('averages the newest completed steps per platform and step', async () => {
    await chunk(taskIds[0], [
      ['apply', 1_000],
      ['reboot', 500],
    ]);
    await chunk(taskIds[1], [['apply', 10]]);
    await chunk(taskIds[1], [['apply', 30]]);
    const repo = t.app.get(RunControlRepository);

    // The two newest completed steps: the two applies of the newest chunks.
    expect(await repo.recentStepDurations(2)).toEqual([{ platformId, step: 'apply', meanMs: 20 }]);
    // The newest three lines of the newest three chunks: 30, 10 and the reboot of the first.
    const three = await repo.recentStepDurations(3);
    expect(three.sort((a, b) => a.step.localeCompare(b.step))).toEqual([
      { platformId, step: 'apply', meanMs: 20 },
      { platformId, step: 'reboot', meanMs: 500 },
    ]);
    const all = await repo.recentStepDurations(5_000);
    expect(all.find((r) => r.step === 'apply')?.meanMs).toBeCloseTo((1_000 + 10 + 30) / 3);
  });

  it('reads the newest chunks by index, not by a scan and sort of the whole log', async () => {
    // The tables here are small, where a scan costs less: the planner is told scans cost more,
    // and then takes the index if there is one (without one, its plan scans the table anyway).
    const plan = await t.ds.transaction(async (em) => {
      await em.query(`SET LOCAL enable_seqscan = off`);
      const [row] = await em.query(`EXPLAIN (FORMAT JSON) ${RECENT_STEP_DURATIONS}`, [5_000]);
      return row['QUERY PLAN'][0].Plan as PlanNode;
    });
    const reads = planNodes(plan).filter((n) => n['Relation Name'] === 'task_log_chunk');
    expect(reads.map((n) => [n['Node Type'], n['Index Name']])).toEqual([
      ['Index Scan', 'task_log_chunk_newest'],
    ]);
  });
});
