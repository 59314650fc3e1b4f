// npm run bench:held-moves
// What moving a rollout's held tasks out of a new blackout or platform maintenance costs, next to
// moving the same number of scheduled tasks (the floor: what those requests did before held tasks
// moved at all), measured in the same run on one platform:
//
// 1. A partner blackout over the next 8 days (every tenant's Sunday window is inside it) on a
//    partner with BENCH_TENANTS scheduled tasks (one POST /update-tasks), and the same blackout on
//    a partner whose BENCH_TENANTS tasks are a rollout's (1% scheduled, 99% held).
// 2. Platform maintenance over the same days with `reschedule`, as a dry run (the answer counts
//    what it would move, nothing is written), with both partners' tasks in place: every scheduled
//    and held task is placed again.
// Each request is timed from the client. The moves are set-based (HeldTaskMoves: one locking read,
// one placement read, one UPDATE, one notice insert per occurrence), so the held side should cost
// about what the scheduled side costs.
import {
  rolloutBenchPlatform,
  machine,
  ms,
  partnerWithTenants,
  runBench,
  withBenchService,
} from './support';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 20_000);
const OPTIONS = { mode: 'maintenance_window', notifyPartner: true, notifyCustomer: true };
const DAY = 86_400_000;

runBench(() =>
  withBenchService(async ({ admin, pg }) => {
    const platform = await rolloutBenchPlatform(admin);
    const scheduledPartner = await partnerWithTenants(admin, platform.id, TENANTS);
    const heldPartner = await partnerWithTenants(admin, platform.id, TENANTS);
    await admin('POST', '/update-tasks', {
      partnerId: scheduledPartner,
      targetVersion: '2.0.0',
      ...OPTIONS,
    });
    await admin('POST', '/rollouts', {
      partnerId: heldPartner,
      targetVersion: '2.0.0',
      ...OPTIONS,
      waves: [{ percent: 1 }, { percent: 100 }],
    });
    await pg.query('VACUUM ANALYZE');
    const now = Date.now();
    const period = {
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 8 * DAY).toISOString(),
    };
    const timed = async (work: () => Promise<{ affected: Record<string, number> }>) => {
      const start = process.hrtime.bigint();
      const { affected } = await work();
      return { ms: ms(start), affected };
    };
    const blackout = (partnerId: string) =>
      timed(() =>
        admin('POST', `/partners/${partnerId}/blackouts`, { ...period, reason: 'bench' }),
      );
    const scheduled = await blackout(scheduledPartner);
    const held = await blackout(heldPartner);
    const maintenance = await timed(() =>
      admin('POST', `/platforms/${platform.id}/maintenance`, {
        startsAt: new Date(now + 8 * DAY).toISOString(),
        endsAt: new Date(now + 16 * DAY).toISOString(),
        message: 'bench',
        conflictPolicy: 'reschedule',
        dryRun: true,
      }),
    );
    const s = (x: { ms: number }) => `${(x.ms / 1000).toFixed(2)} s`;
    console.log(`held moves on ${machine()}, ${TENANTS} tenants per partner`);
    console.log(
      `  partner blackout, scheduled tasks   ${s(scheduled)} (${JSON.stringify(scheduled.affected)})`,
    );
    console.log(
      `  partner blackout, rollout's tasks   ${s(held)} (${JSON.stringify(held.affected)}) = ${(held.ms / scheduled.ms).toFixed(2)}× the scheduled one`,
    );
    console.log(
      `  maintenance dry run, both partners  ${s(maintenance)} (${JSON.stringify(maintenance.affected)})`,
    );
  }),
);
