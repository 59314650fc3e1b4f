// Every migration, in order. Listed explicitly so the built service and the tests load the same set.
import { FanoutSetExpansion1796021400002 } from './1796021400002-fanout-set-expansion';
import { FanoutStatementTrigger1796021400001 } from './1796021400001-fanout-statement-trigger';
import { Foundation1795392000000 } from './1795392000000-foundation';
import { Scheduling1795392100000 } from './1795392100000-scheduling';
import { Dispatch1795392200000 } from './1795392200000-dispatch';
import { Notifications1795392300000 } from './1795392300000-notifications';
import { OpenTasks1795408000000 } from './1795408000000-open-tasks';
import { ConsoleSessions1795410000000 } from './1795410000000-console-sessions';
import { TenantTags1795410100000 } from './1795410100000-tenant-tags';
import { NoticeReferences1795414000000 } from './1795414000000-notice-references';
import { Rollouts1796009000001 } from './1796009000001-rollouts';
import { TenantVersionOrder1796009100001 } from './1796009100001-tenant-version-order';
import { Blackouts1796011000001 } from './1796011000001-blackouts';
import { StepPlans1796012000001 } from './1796012000001-step-plans';
import { BatchCounts1796014000001 } from './1796014000001-batch-counts';
import { RollbackOfIndex1796014000002 } from './1796014000002-rollback-of-index';
import { HotUpdates1796014100001 } from './1796014100001-hot-updates';
import { Webhooks1796011100001 } from './1796011100001-webhooks';
import { RolloutConfirmation1796020000001 } from './1796020000001-rollout-confirmation';
import { CustomerPostpone1796020200001 } from './1796020200001-customer-postpone';
import { CalendarTokens1796020300001 } from './1796020300001-calendar-tokens';
import { FinishedTasksByTenant1796020500001 } from './1796020500001-finished-tasks-by-tenant';
import { TenantVersionKey1796020600001 } from './1796020600001-tenant-version-key';
import { RolloutConfirmationDeadline1796020800001 } from './1796020800001-rollout-confirmation-deadline';
import { WebhookPayloadJson1796020900001 } from './1796020900001-webhook-payload-json';
import { WebhookDedupeKey1796020900002 } from './1796020900002-webhook-dedupe-key';
import { WebhookFanout1796021000001 } from './1796021000001-webhook-fanout';
import { TaskLogChunks1796021200001 } from './1796021200001-task-log-chunks';
import { FanoutTriggerColumns1796021200002 } from './1796021200002-fanout-trigger-columns';
import { TaskLogChunkNewest1796021300201 } from './1796021300201-task-log-chunk-newest';

export const MIGRATIONS = [
  Foundation1795392000000,
  Scheduling1795392100000,
  Dispatch1795392200000,
  Notifications1795392300000,
  OpenTasks1795408000000,
  ConsoleSessions1795410000000,
  TenantTags1795410100000,
  NoticeReferences1795414000000,
  Rollouts1796009000001,
  TenantVersionOrder1796009100001,
  Blackouts1796011000001,
  Webhooks1796011100001,
  StepPlans1796012000001,
  BatchCounts1796014000001,
  RollbackOfIndex1796014000002,
  HotUpdates1796014100001,
  RolloutConfirmation1796020000001,
  CustomerPostpone1796020200001,
  CalendarTokens1796020300001,
  FinishedTasksByTenant1796020500001,
  TenantVersionKey1796020600001,
  RolloutConfirmationDeadline1796020800001,
  WebhookPayloadJson1796020900001,
  WebhookDedupeKey1796020900002,
  WebhookFanout1796021000001,
  TaskLogChunks1796021200001,
  FanoutTriggerColumns1796021200002,
  TaskLogChunkNewest1796021300201,
  FanoutStatementTrigger1796021400001,
  FanoutSetExpansion1796021400002,
];
