/** How often a list of tasks is read again: every 2 s while one runs or is due, else every 15 s. */
export const LIVE_MS = 2_000;
export const IDLE_MS = 15_000;

export function taskRefreshInterval(
  tasks: readonly { status: string; runAt: string }[],
  now: Date,
): number {
  const live = tasks.some(
    (t) => t.status === 'running' || (t.status === 'scheduled' && new Date(t.runAt) <= now),
  );
  return live ? LIVE_MS : IDLE_MS;
}
