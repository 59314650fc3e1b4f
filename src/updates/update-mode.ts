/** When an update runs: at once, in the tenant's maintenance window, or at a time given. */
export const UPDATE_MODES = ['immediate', 'maintenance_window', 'custom'] as const;
export type UpdateMode = (typeof UPDATE_MODES)[number];
