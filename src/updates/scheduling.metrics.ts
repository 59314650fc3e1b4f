import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service';

/** Open tasks by state, read when Prometheus scrapes (served by the one-open-task index). */
@Injectable()
export class SchedulingMetrics implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge(
      'update_tasks_open',
      'Update tasks not finished: scheduled (of which due: runAt has passed) and running',
      ['state'] as const,
      async (gauge) => {
        const [row] = (await this.ds.query(
          `SELECT count(*) FILTER (WHERE status = 'scheduled')::int AS scheduled,
                  count(*) FILTER (WHERE status = 'scheduled' AND run_at <= now())::int AS due,
                  count(*) FILTER (WHERE status = 'running')::int AS running
           FROM update_task WHERE status IN ('scheduled', 'running')`,
        )) as { scheduled: number; due: number; running: number }[];
        gauge.set({ state: 'scheduled' }, row.scheduled);
        gauge.set({ state: 'due' }, row.due);
        gauge.set({ state: 'running' }, row.running);
      },
    );
  }
}
