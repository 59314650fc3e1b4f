import { Injectable } from '@nestjs/common';
import { AppConfig, type ExecutorDriver } from '../../config/app-config';
import type { Executor } from './executor';
import { ExecutorHttpClient } from './executor-http-client';
import { HttpExecutor } from './http.executor';
import { SimulatedExecutor } from './simulated.executor';

/** A platform's executor settings (platform.executor_*). */
export interface ExecutorSettings {
  driver: ExecutorDriver | null;
  url: string | null;
  secret: string | null;
}

/** Picks the executor of a platform: its own driver, or the EXECUTOR setting when it has none. */
@Injectable()
export class Executors {
  private readonly simulated: SimulatedExecutor;

  constructor(
    private readonly config: AppConfig,
    private readonly client: ExecutorHttpClient,
  ) {
    this.simulated = new SimulatedExecutor({
      stepMs: config.simulatedStepMs,
      durations: config.simulatedStepDurations,
      failureRates: config.simulatedFailureRates,
    });
  }

  /** The executor, or why there is none (the update then fails with that reason). */
  for(settings: ExecutorSettings): Executor | { problem: string } {
    const driver = settings.driver ?? this.config.executor;
    if (driver === 'simulated') return this.simulated;
    if (!settings.url || !settings.secret) {
      return {
        problem:
          "the platform's executor is http but it has no url and secret: set them with PATCH /platforms/{id}",
      };
    }
    return new HttpExecutor(
      { url: settings.url, secret: settings.secret },
      {
        timeoutMs: this.config.executorTimeoutMs,
        retries: this.config.executorRetries,
        pollMs: this.config.executorPollMs,
        stepTimeoutMs: this.config.executorStepTimeoutMs,
        callbackBaseUrl: this.config.executorCallbackUrl,
      },
      this.client,
    );
  }
}
