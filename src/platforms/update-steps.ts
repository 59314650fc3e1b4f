/**
 * The steps a platform's updates may run, in the order they run (`backup` takes the snapshot that
 * a rollback restores; `migrate` runs the database migration after the files were replaced).
 * Every update runs `apply`; the rest is the platform's choice (`updateSteps`).
 */
export const UPDATE_STEPS = ['precheck', 'backup', 'apply', 'migrate', 'reboot', 'verify'] as const;
export type UpdateStep = (typeof UPDATE_STEPS)[number];

/** Today's four plus a reboot after the apply. */
export const DEFAULT_UPDATE_STEPS: readonly UpdateStep[] = [
  'precheck',
  'backup',
  'apply',
  'reboot',
  'verify',
];

/** The declared steps in the order they run, each once. */
export function orderedSteps(steps: readonly UpdateStep[]): UpdateStep[] {
  return UPDATE_STEPS.filter((s) => steps.includes(s));
}

/** Snapshots are kept this many days unless the platform says otherwise (seed 001: a week). */
export const DEFAULT_SNAPSHOT_RETENTION_DAYS = 7;
