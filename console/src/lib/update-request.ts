import { wallTimeToIso } from '../time/format';

export type UpdateMode = 'immediate' | 'maintenance_window' | 'custom';

/** Which tenants the update dialog is about. */
export type UpdateScope =
  { tenantIds: string[] } | { filter: Record<string, unknown>; count: number };

/** What the viewer chose in the update dialog (seed 003's options). */
export interface UpdateChoices {
  mode: UpdateMode;
  /** Custom time as the date picker gives it, in the viewer's zone ("YYYY-MM-DD HH:mm:ss"). */
  customTime: string | null;
  targetVersion: string | null;
  forced: boolean;
  redeploy: boolean;
  notifyPartner: boolean;
  notifyCustomer: boolean;
  allowDowngrade: boolean;
  /** Schedule the others when some tenants are refused (onConflict: skip). */
  skipRefused: boolean;
}

export const DEFAULT_CHOICES: UpdateChoices = {
  mode: 'maintenance_window',
  customTime: null,
  targetVersion: null,
  forced: false,
  redeploy: false,
  notifyPartner: true,
  notifyCustomer: true,
  allowDowngrade: false,
  skipRefused: false,
};

/** Why a request cannot be sent yet, or null. */
export function missingChoice(choices: UpdateChoices): 'targetVersion' | 'customTime' | null {
  if (!choices.targetVersion) return 'targetVersion';
  if (choices.mode === 'custom' && !choices.customTime) return 'customTime';
  return null;
}

/**
 * The body of POST /api/v1/update-tasks. A preview is a dry run that skips refused tenants, so it
 * can say how many would be updated and why the others would not.
 */
export function scheduleRequest(
  scope: UpdateScope,
  choices: UpdateChoices,
  zone: string,
  preview: boolean,
) {
  return {
    ...('tenantIds' in scope ? { tenantIds: scope.tenantIds } : { filter: scope.filter }),
    targetVersion: choices.targetVersion ?? '',
    mode: choices.mode,
    ...(choices.mode === 'custom' &&
      choices.customTime && { runAt: wallTimeToIso(choices.customTime, zone) }),
    forced: choices.forced,
    redeploy: choices.redeploy,
    notifyPartner: choices.notifyPartner,
    notifyCustomer: choices.notifyCustomer,
    allowDowngrade: choices.allowDowngrade,
    onConflict: preview || choices.skipRefused ? ('skip' as const) : ('reject' as const),
    dryRun: preview,
  };
}

export interface RefusalGroup {
  code: string;
  /** The API's reason for the first tenant of the group. */
  reason: string;
  count: number;
  tenantIds: string[];
}

/** Refused tenants grouped by why, largest group first, with a few ids of each. */
export function groupRefusals(
  skipped: readonly { tenantId: string; code: string; reason: string }[],
  idsPerGroup = 5,
): RefusalGroup[] {
  const groups = new Map<string, RefusalGroup>();
  for (const s of skipped) {
    const group = groups.get(s.code) ?? { code: s.code, reason: s.reason, count: 0, tenantIds: [] };
    group.count += 1;
    if (group.tenantIds.length < idsPerGroup) group.tenantIds.push(s.tenantId);
    groups.set(s.code, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
