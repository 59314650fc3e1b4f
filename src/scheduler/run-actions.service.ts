import { Injectable } from '@nestjs/common';
import type { UpdateTask } from '../updates/update-task';
import { delay } from './executors/executor';
import type { ExecutorReportAnswer, ExecutorReportDto } from './callbacks/executor-report.dto';
import { type LogLine, RunControlRepository } from './run-control.repository';

/** How long POST …/cancel on a running task waits for the executor's answer before replying. */
const CANCEL_WAIT_MS = 5_000;
const CANCEL_POLL_MS = 50;

/** The parts of the admin actions and the executor callbacks that belong to running updates. */
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

  /**
   * After a cancel request on a running task: waits a little for its runner (in any replica) to get
   * the executor's answer and end the task, so that the reply shows the outcome when it is quick.
   */
  async awaitEnd(taskId: string, timeoutMs = CANCEL_WAIT_MS): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until && (await this.control.status(taskId)) === 'running') {
      await delay(CANCEL_POLL_MS);
    }
  }

  /** The task's whole step log as text, headed by what the task is and how it ended. */
  async logText(task: UpdateTask): Promise<string> {
    const lines = await this.control.logLines(task.id);
    const head = [
      `Update task ${task.id}`,
      `Tenant:   ${task.tenantId}`,
      `Update:   ${task.fromVersion} -> ${task.targetVersion}${task.redeploy ? ' (redeploy)' : ''}`,
      `Status:   ${task.status} (attempts: ${task.attempts}, progress: ${task.progressPercent}%)`,
    ];
    if (task.error) head.push(`Error:    ${task.error}`);
    if (task.cancelReason) head.push(`Cancel:   ${task.cancelReason}`);
    return `${head.join('\n')}\n\n${lines.map(formatLine).join('\n')}\n`;
  }
}

function formatLine(l: LogLine): string {
  const step = l.step ? (l.node ? `${l.step} (${l.node})` : l.step) : '-';
  const mark = l.kind === 'warning' || l.kind === 'step_failed' ? '!' : ' ';
  return `${new Date(l.at).toISOString()} ${mark} attempt ${l.attempt}  ${step.padEnd(24)} ${l.message}`;
}
