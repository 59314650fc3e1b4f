import { Injectable } from '@nestjs/common';
import type { ExecutorReportAnswer, ExecutorReportDto } from './callbacks/executor-report.dto';
import { RunControlRepository } from './run-control.repository';

/** The executor callbacks: a signed report about a running step is stored for its runner. */
@Injectable()
export class RunActions {
  constructor(private readonly control: RunControlRepository) {}

  async acceptReport(taskId: string, dto: ExecutorReportDto): Promise<ExecutorReportAnswer> {
    const accepted = await this.control.storeReport(taskId, {
      run: dto.run,
      stepKey: dto.stepKey,
      status: dto.status,
      percent: dto.percent,
      message: dto.message,
    });
    return { accepted };
  }
}
