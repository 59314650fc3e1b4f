import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Tx } from '../database/transactions';
import {
  type Blocker,
  type BlockingPeriod,
  type Blockers,
  combineBlockers,
  NOTHING_BLOCKS,
  periodsBlocker,
} from '../placement/placement';
import { type BlockingSource, PlacementService } from '../placement/placement.service';
import { type Blackout, BlackoutsRepository } from './blackouts.repository';

/** How refusals and logs name a blackout. */
export function describeBlackout(b: Blackout): string {
  const owner = b.tenantId ? `tenant ${b.tenantId}` : `partner ${b.partnerId}`;
  const repeat = b.repeat === 'none' ? '' : `, repeating ${b.repeat} in ${b.timezone}`;
  return `the blackout ${b.id} of ${owner} (${b.startsAt.toISOString()} – ${b.endsAt.toISOString()}${repeat}): ${b.reason}`;
}

export function blockingPeriod(b: Blackout): BlockingPeriod {
  return {
    code: 'blackout_overlap',
    id: b.id,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    recurrence: b.repeat === 'none' ? undefined : { every: b.repeat, timezone: b.timezone },
    description: describeBlackout(b),
  };
}

/** A tenant's blackouts and its partner's block that tenant. */
@Injectable()
export class BlackoutBlockingSource implements BlockingSource, OnModuleInit {
  readonly name = 'tenant and partner blackouts';

  constructor(
    private readonly blackouts: BlackoutsRepository,
    private readonly placement: PlacementService,
  ) {}

  onModuleInit(): void {
    this.placement.register(this);
  }

  async load(tx: Tx, platformIds: string[], now: Date): Promise<Blockers> {
    const rows = await this.blackouts.notEnded(tx, platformIds, now);
    const byOwner = new Map<string, BlockingPeriod[]>();
    for (const b of rows) {
      const key = b.tenantId ? `t:${b.tenantId}` : `p:${b.partnerId}`;
      byOwner.set(key, [...(byOwner.get(key) ?? []), blockingPeriod(b)]);
    }
    const blockers = new Map<string, Blocker>();
    for (const [key, periods] of byOwner) blockers.set(key, periodsBlocker(periods));
    const keyOf = (target: { partnerId?: string; tenantId?: string }) =>
      [
        target.partnerId && blockers.has(`p:${target.partnerId}`) ? `p:${target.partnerId}` : '',
        target.tenantId && blockers.has(`t:${target.tenantId}`) ? `t:${target.tenantId}` : '',
      ].join('/');
    return {
      for: (target) => {
        const own = [`p:${target.partnerId}`, `t:${target.tenantId}`]
          .map((k) => blockers.get(k))
          .filter((b): b is Blocker => b !== undefined);
        return own.length === 0 ? NOTHING_BLOCKS : combineBlockers(own);
      },
      key: keyOf,
    };
  }
}
