import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Tx } from '../database/transactions';
import {
  type Blocker,
  type BlockingPeriod,
  type Blockers,
  NOTHING_BLOCKS,
  periodsBlocker,
} from '../placement/placement';
import { type BlockingSource, PlacementService } from '../placement/placement.service';
import {
  PlatformMaintenance,
  PlatformMaintenanceRepository,
} from './platform-maintenance.repository';

export function describeMaintenance(p: Pick<PlatformMaintenance, 'id' | 'startsAt' | 'endsAt'>) {
  return `platform maintenance ${p.id} (${p.startsAt.toISOString()} – ${p.endsAt.toISOString()})`;
}

export function maintenancePeriod(p: PlatformMaintenance): BlockingPeriod {
  return {
    code: 'maintenance_overlap',
    id: p.id,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
    description: describeMaintenance(p),
  };
}

/** Platform maintenance blocks every tenant of its platform. */
@Injectable()
export class MaintenanceBlockingSource implements BlockingSource, OnModuleInit {
  readonly name = 'platform maintenance';

  constructor(
    private readonly maintenance: PlatformMaintenanceRepository,
    private readonly placement: PlacementService,
  ) {}

  onModuleInit(): void {
    this.placement.register(this);
  }

  async load(tx: Tx, platformIds: string[], now: Date): Promise<Blockers> {
    const periods = await this.maintenance.notEnded(tx, platformIds, now);
    const byPlatform = new Map<string, PlatformMaintenance[]>();
    for (const p of periods)
      byPlatform.set(p.platformId, [...(byPlatform.get(p.platformId) ?? []), p]);
    const blockers = new Map<string, Blocker>();
    for (const [platformId, list] of byPlatform) {
      blockers.set(platformId, periodsBlocker(list.map(maintenancePeriod)));
    }
    return {
      for: (target) => blockers.get(target.platformId) ?? NOTHING_BLOCKS,
      key: (target) => target.platformId,
    };
  }
}
