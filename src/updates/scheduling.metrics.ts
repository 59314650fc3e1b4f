import { Injectable, OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service';
import { OPEN_STATUSES } from './task-status';
import { UpdateTasksRepository } from './update-tasks.repository';

/** Open tasks by status, read when Prometheus scrapes (served by the one-open-task index). */
@Injectable()
export class SchedulingMetrics implements OnModuleInit {
  constructor(
    private readonly tasks: UpdateTasksRepository,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge(
      'update_tasks_open',
      'Update tasks not finished, by status (scheduled, running), and those scheduled whose runAt has passed (due)',
      ['state'] as const,
      async (gauge) => {
        const counts = await this.tasks.openCounts();
        for (const status of OPEN_STATUSES)
          gauge.set({ state: status }, counts.byStatus.get(status) ?? 0);
        gauge.set({ state: 'due' }, counts.due);
      },
    );
  }
}
