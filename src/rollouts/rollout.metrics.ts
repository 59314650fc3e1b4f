import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { ROLLOUT_STATES } from './gates';
import { RolloutsRepository } from './rollouts.repository';

/** Rollouts by state and tasks held (read when Prometheus scrapes), gates opened and tripped. */
@Injectable()
export class RolloutMetrics implements OnModuleInit {
  readonly opened: Counter<'gate'>;
  readonly tripped: Counter<'gate' | 'action'>;

  constructor(
    private readonly metrics: MetricsService,
    private readonly rollouts: RolloutsRepository,
  ) {
    this.opened = metrics.counter(
      'rollout_gates_opened_total',
      'Waves opened (gate: start, the first wave; success, a success gate passed; wave, a later wave opened after its soak)',
      ['gate'] as const,
    );
    this.tripped = metrics.counter(
      'rollout_gates_tripped_total',
      'Gates tripped (gate: error or success; action: pause, stop or fail)',
      ['gate', 'action'] as const,
    );
  }

  onModuleInit(): void {
    this.metrics.gauge('rollouts', 'Rollouts by state', ['state'] as const, async (gauge) => {
      const counts = await this.rollouts.stateCounts();
      for (const state of ROLLOUT_STATES) gauge.set({ state }, counts.byState.get(state) ?? 0);
    });
    this.metrics.gauge(
      'rollout_tasks_held',
      'Tasks of rollout waves that have not opened (or of paused rollouts)',
      [] as const,
      async (gauge) => gauge.set((await this.rollouts.stateCounts()).held),
    );
  }
}
