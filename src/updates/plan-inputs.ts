import { Injectable } from '@nestjs/common';
import { BadRequestError, ErrorDetail } from '../common/errors';
import type { Tx } from '../database/transactions';
import { PlacementService } from '../placement/placement.service';
import type { VersionChannel } from '../versions/software-version.entity';
import { VersionsRepository } from '../versions/versions.repository';
import type { PlanContext, PlanRequest, UpdateMode } from './planning';
import type { TenantFactsRow } from './update-tasks.repository';
import type { TenantFacts } from './planning';

/** A custom runAt may be this far in the past (clock skew between client and server). */
export const RUN_AT_SKEW_MS = 60_000;
export const DEFAULT_EXPECTED_MINUTES = 60;

export interface RequestedUpdate {
  mode: UpdateMode;
  runAt?: string;
  expectedDurationMinutes?: number;
  targetVersion: string;
  forced?: boolean;
  redeploy?: boolean;
  allowDowngrade?: boolean;
}

/**
 * Checks the request-level rules on time (runAt only in custom mode, and not in the past).
 * `createdByRole` is the role of whoever created the update — the caller for a new one, the task's
 * batch creator for one planned again — never the caller of a later action (task-policy.ts,
 * `isPlatformAdminsForcedUpdate`).
 */
export function buildPlanRequest(
  createdByRole: string | null,
  asked: RequestedUpdate,
  now: Date,
): PlanRequest {
  const details: ErrorDetail[] = [];
  let runAt: Date | undefined;
  if (asked.mode === 'custom') {
    if (!asked.runAt) details.push({ field: 'runAt', reason: 'is required in custom mode' });
    else {
      runAt = new Date(asked.runAt);
      if (runAt.getTime() < now.getTime() - RUN_AT_SKEW_MS) {
        details.push({ field: 'runAt', reason: 'must be in the future' });
      }
    }
  } else if (asked.runAt) {
    details.push({
      field: 'runAt',
      reason: `is only accepted in custom mode (mode is ${asked.mode})`,
    });
  }
  if (details.length) throw new BadRequestError(`runAt ${details[0].reason}`, details);
  return {
    mode: asked.mode,
    // Within the tolerated skew, a time just past means "now".
    runAt: runAt && runAt < now ? now : runAt,
    expectedDurationMinutes: asked.expectedDurationMinutes ?? DEFAULT_EXPECTED_MINUTES,
    targetVersion: asked.targetVersion,
    forced: asked.forced ?? false,
    redeploy: asked.redeploy ?? false,
    allowDowngrade: asked.allowDowngrade ?? false,
    createdByRole,
  };
}

export function toFacts(r: TenantFactsRow): TenantFacts {
  return {
    id: r.id,
    platformId: r.platform_id,
    softwareVersion: r.software_version,
    state: r.state,
    autoUpdateAllowed: r.auto_update_allowed,
    window: {
      cron: r.window_cron,
      durationMinutes: r.window_duration_minutes,
      timezone: r.window_timezone,
    },
    openTaskId: r.open_task_id,
    blackoutsOf: { partnerId: r.partner_id, tenantId: r.id },
  };
}

/** Loads what the rules consult besides the tenants: the target version's channels and what blocks time. */
@Injectable()
export class PlanContextLoader {
  constructor(
    private readonly versions: VersionsRepository,
    private readonly placement: PlacementService,
  ) {}

  async load(
    tx: Tx,
    platformIds: string[],
    targetVersion: string,
    now: Date,
  ): Promise<{ context: PlanContext; channels: Map<string, VersionChannel> }> {
    const channels = await this.versions.channels(tx, platformIds, targetVersion);
    const versions = await this.versions.pathVersions(tx, platformIds);
    const blockers = await this.placement.blockers(tx, platformIds, now);
    return {
      channels,
      context: {
        now,
        channelOn: (platformId) => channels.get(platformId),
        versionsOn: (platformId) => versions.get(platformId) ?? [],
        blockers,
      },
    };
  }
}
