import { Logger } from '@nestjs/common';
import { delay, RunStopped, throwIfStopped } from './executor';
import type {
  AbortAnswer,
  Executor,
  SnapshotDeleteRequest,
  StepContext,
  StepRequest,
  StepResult,
} from './executor';
import type { ExecutorHttpClient } from './executor-http-client';
import { sign, SIGNATURE_HEADER } from './signature';

export interface HttpTarget {
  url: string;
  /** Never logged. */
  secret: string;
}

export interface HttpExecutorSettings {
  timeoutMs: number;
  retries: number;
  pollMs: number;
  stepTimeoutMs: number;
  /** This service's base URL as the executor reaches it; unset: the executor is polled only. */
  callbackBaseUrl?: string;
}

/** What the deployment API answers about an operation (a step, or an abort). */
interface Answer {
  status: string;
  percent?: number;
  message?: string;
  snapshotId?: string;
}

/** What a request is about, in logs and messages. */
type About = Pick<StepRequest, 'taskId' | 'stepKey'>;

const MAX_BACKOFF_MS = 10_000;
const TRANSIENT = new Set([408, 425, 429, 500, 502, 503, 504]);

/** One operation, one key: repeating a request (retry, poll, another replica) never repeats work. */
export function idempotencyKey(request: StepRequest, suffix = ''): string {
  return `${request.taskId}:${request.run}:${request.stepKey}${suffix}`;
}

/**
 * The platform's deployment API over HTTP (protocol: docs/scheduler.md). Each step is one signed
 * POST; the API answers at once (succeeded / failed) or with running, and then reports on the
 * callback endpoint or is polled by repeating the same request (same idempotency key).
 */
export class HttpExecutor implements Executor {
  readonly driver = 'http' as const;
  private readonly logger = new Logger(HttpExecutor.name);

  constructor(
    private readonly target: HttpTarget,
    private readonly settings: HttpExecutorSettings,
    private readonly client: ExecutorHttpClient,
    private readonly random: () => number = Math.random,
  ) {}

  async runStep(request: StepRequest, context: StepContext): Promise<StepResult> {
    const deadline = Date.now() + this.settings.stepTimeoutMs;
    const body = this.stepBody(request);
    const key = idempotencyKey(request);
    let answer = await this.send(this.target.url, body, key, request, context.signal);
    for (;;) {
      if (answer.status === 'succeeded') {
        return { ok: true, message: answer.message, snapshotId: answer.snapshotId };
      }
      if (answer.status === 'failed') {
        return { ok: false, message: answer.message ?? `the executor failed ${request.stepKey}` };
      }
      context.progress(answer.percent ?? null, answer.message);
      const left = deadline - Date.now();
      if (left <= 0) {
        return {
          ok: false,
          message: `the executor did not finish ${request.stepKey} within ${this.settings.stepTimeoutMs} ms`,
        };
      }
      const report = await context.waitForReport(Math.min(this.settings.pollMs, left));
      answer = report ?? (await this.send(this.target.url, body, key, request, context.signal));
    }
  }

  async abort(request: StepRequest): Promise<AbortAnswer> {
    const url = `${this.target.url.replace(/\/+$/, '')}/abort`;
    const body = { ...this.stepBody(request), action: 'abort' };
    const answer = await this.send(url, body, idempotencyKey(request, ':abort'), request);
    if (answer.status === 'cancelled') {
      return { outcome: 'cancelled', message: answer.message ?? 'the executor aborted the step' };
    }
    return {
      outcome: 'failed',
      message: answer.message ?? `the executor could not abort ${request.stepKey} cleanly`,
    };
  }

  /**
   * `POST {url}/delete-snapshot`: the deployment API deletes a snapshot it took (retention ran out,
   * or a platform admin deleted it early). One key per snapshot; answered at once.
   */
  async deleteSnapshot(request: SnapshotDeleteRequest): Promise<StepResult> {
    const url = `${this.target.url.replace(/\/+$/, '')}/delete-snapshot`;
    const body = {
      action: 'delete_snapshot',
      snapshotId: request.snapshotId,
      tenant: request.tenant,
      platformId: request.platformId,
      node: request.node,
      version: request.version,
      takenAt: request.takenAt,
    };
    const about = { taskId: request.id, stepKey: `delete_snapshot ${request.snapshotId}` };
    const answer = await this.send(url, body, `snapshot:${request.id}:delete`, about);
    if (answer.status === 'succeeded') return { ok: true, message: answer.message };
    return {
      ok: false,
      message: answer.message ?? `the executor did not delete snapshot ${request.snapshotId}`,
    };
  }

  private stepBody(r: StepRequest): Record<string, unknown> {
    return {
      taskId: r.taskId,
      run: r.run,
      attempt: r.attempt,
      step: r.step,
      node: r.node,
      stepKey: r.stepKey,
      tenant: r.tenant,
      platformId: r.platformId,
      fromVersion: r.fromVersion,
      targetVersion: r.targetVersion,
      path: r.path,
      ...(r.snapshotId !== null && { snapshotId: r.snapshotId }),
      redeploy: r.redeploy,
      callbackUrl: this.settings.callbackBaseUrl
        ? `${this.settings.callbackBaseUrl}/api/v1/executor-callbacks/${r.taskId}`
        : null,
    };
  }

  /**
   * POSTs the signed body; network errors, timeouts, 408/425/429 and 5xx are retried with
   * exponential backoff and jitter. A refusal (other 4xx) or exhausted retries answer `failed`.
   */
  private async send(
    url: string,
    body: Record<string, unknown>,
    key: string,
    request: About,
    signal?: AbortSignal,
  ): Promise<Answer> {
    const log = { taskId: request.taskId, step: request.stepKey, url };
    for (let attempt = 0; ; attempt++) {
      if (signal) throwIfStopped(signal);
      let problem: string;
      try {
        const res = await this.client.post(
          url,
          // Dated when it leaves: after any wait for a slot of the process's HTTP client.
          () => JSON.stringify({ ...body, sentAt: new Date().toISOString() }),
          (payload) => ({
            'content-type': 'application/json',
            'idempotency-key': key,
            [SIGNATURE_HEADER]: sign(this.target.secret, payload),
            'user-agent': 'tenant-update-scheduler',
          }),
          this.settings.timeoutMs,
          signal,
        );
        const text = res.text;
        if (res.status >= 200 && res.status < 300) {
          const answer = parseAnswer(text);
          if (answer) return answer;
          problem = `an answer that is not {"status": …} JSON: ${text.slice(0, 200)}`;
        } else if (TRANSIENT.has(res.status)) {
          problem = `HTTP ${res.status}`;
        } else {
          return {
            status: 'failed',
            message:
              `the executor refused ${request.stepKey}: HTTP ${res.status} ${text.slice(0, 300)}`.trim(),
          };
        }
      } catch (error) {
        if (error instanceof RunStopped) throw error;
        if (signal?.aborted) throw new RunStopped(signal.reason);
        const e = error as Error;
        problem =
          e.name === 'TimeoutError'
            ? `no answer within ${this.settings.timeoutMs} ms`
            : `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}`;
      }
      if (attempt >= this.settings.retries) {
        return {
          status: 'failed',
          message: `the executor could not be reached for ${request.stepKey} (${attempt + 1} tries): ${problem}`,
        };
      }
      const wait = Math.min(MAX_BACKOFF_MS, 200 * 2 ** attempt) * (0.5 + this.random() / 2);
      this.logger.warn(
        { ...log, attempt: attempt + 1, problem, retryInMs: Math.round(wait) },
        'executor request failed; retrying',
      );
      await delay(wait, signal);
    }
  }
}

function parseAnswer(text: string): Answer | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const v = value as Record<string, unknown>;
    if (typeof v.status !== 'string') return null;
    return {
      status: v.status,
      percent: typeof v.percent === 'number' ? v.percent : undefined,
      message: typeof v.message === 'string' ? v.message.slice(0, 2000) : undefined,
      snapshotId:
        typeof v.snapshotId === 'string' && v.snapshotId.length > 0
          ? v.snapshotId.slice(0, 500)
          : undefined,
    };
  } catch {
    return null;
  }
}
