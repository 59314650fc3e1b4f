import { Global, Module } from '@nestjs/common';
import { ExecutorCallbacksController } from './callbacks/executor-callbacks.controller';
import { ExecutorSignatureGuard } from './callbacks/executor-signature.guard';
import { ClaimsRepository } from './claims.repository';
import { Dispatcher } from './dispatcher.service';
import { Executors } from './executors/executors';
import { LeaseOwner } from './lease-owner';
import { RunActions } from './run-actions.service';
import { RunControlRepository } from './run-control.repository';
import { RunJournal } from './run-journal';
import { RunWritesRepository } from './run-writes.repository';
import { StepContexts } from './step-contexts';
import { StepDurations } from './step-durations';
import { TaskListener } from './task-listener';
import { TaskRunner } from './task-runner';

/**
 * Running updates: the dispatcher (claims, leases, wake-ups, shutdown), the runner (steps, HA
 * rollout, results), the executors, and the executor callbacks. Global so that the task actions
 * (retry, resume, cancel of a running task, the log) reach RunControlRepository and RunActions.
 * With SCHEDULER_ENABLED=false the dispatcher stays idle (API-only replica); callbacks still work.
 */
@Global()
@Module({
  controllers: [ExecutorCallbacksController],
  providers: [
    LeaseOwner,
    Executors,
    ClaimsRepository,
    RunWritesRepository,
    RunControlRepository,
    RunJournal,
    StepDurations,
    StepContexts,
    TaskRunner,
    TaskListener,
    Dispatcher,
    RunActions,
    ExecutorSignatureGuard,
  ],
  exports: [RunControlRepository, RunActions, Dispatcher],
})
export class SchedulerModule {}
