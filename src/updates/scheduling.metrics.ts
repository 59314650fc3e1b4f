import { Injectable, OnModuleInit } from '@nestjs/common';
import { BoundedCount } from '../common/bounded-count';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { OPEN_STATUSES, type TaskStatus } from './task-status';
import { UpdateTasksRepository } from './update-tasks.repository';

export interface OpenCounts {
  byStatus: Map<TaskStatus, number>;
  due: number;
}

/**
 * Open tasks by status, for Prometheus. Counting a million open tasks takes most of a second, so
 * the count runs at most every METRICS_COUNTS_SECONDS per process, not per scrape.
 */
@Injectable()
export class SchedulingMetrics implements OnModuleInit {
  constructor(
    private readonly tasks: UpdateTasksRepository,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const counts = new BoundedCount<OpenCounts>(
      () => this.tasks.openCounts(),
      this.clock,
      this.config.metricsCountsSeconds * 1000,
    );
    this.metrics.gauge(
      'update_tasks_open',
      `Update tasks not finished, by status (scheduled, running), and those scheduled whose runAt has passed (due); counted at most every ${this.config.metricsCountsSeconds} s`,
      ['state'] as const,
      async (gauge) => {
        const { byStatus, due } = await counts.read();
        for (const status of OPEN_STATUSES) gauge.set({ state: status }, byStatus.get(status) ?? 0);
        gauge.set({ state: 'due' }, due);
      },
    );
  }
}
