import { IsUuid, Optional } from '../../common/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { OrderedPageQuery } from '../../common/pagination';
import { UPDATE_MODES, UpdateMode } from '../planning';
import { TASK_ACTIONS, type TaskAction } from '../task-policy';
import { TASK_STATUSES, type TaskStatus } from '../task-status';
import { TASK_KINDS, type TaskKind, type UpdateTask } from '../update-task';
import { IsIsoDateTimeWithOffset } from './schedule-updates.dto';
import { englishReason } from '../../notifications/reasons';
import { SnapshotResponse } from '../../snapshots/dto/snapshot.dto';

export class ListTasksQuery extends OrderedPageQuery {
  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @Optional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUuid() tenantId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUuid() partnerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUuid() platformId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUuid() batchId?: string;
  @ApiPropertyOptional({ description: 'runAt at or after (ISO 8601)' })
  @Optional()
  @IsIsoDateTimeWithOffset()
  from?: string;
  @ApiPropertyOptional({ description: 'runAt before (ISO 8601)' })
  @Optional()
  @IsIsoDateTimeWithOffset()
  to?: string;
}

export class RescheduleTaskDto {
  @ApiProperty({ enum: UPDATE_MODES }) @IsIn(UPDATE_MODES) mode!: UpdateMode;

  @ApiPropertyOptional({ description: 'Custom mode: the new time (ISO 8601 with offset)' })
  @Optional()
  @IsIsoDateTimeWithOffset()
  runAt?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1440)
  expectedDurationMinutes?: number;
}

export class RollbackTaskDto {
  @ApiProperty({ enum: UPDATE_MODES, description: 'When the rollback runs, as for an update' })
  @IsIn(UPDATE_MODES)
  mode!: UpdateMode;

  @ApiPropertyOptional({ description: 'Custom mode: when (ISO 8601 with offset)' })
  @Optional()
  @IsIsoDateTimeWithOffset()
  runAt?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440, description: "Default: the task's" })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1440)
  expectedDurationMinutes?: number;

  @ApiPropertyOptional({ description: "E-mail the partner's contacts (default: as the task did)" })
  @Optional()
  @IsBoolean()
  notifyPartner?: boolean;

  @ApiPropertyOptional({ description: "E-mail the tenant's customer (default: as the task did)" })
  @Optional()
  @IsBoolean()
  notifyCustomer?: boolean;
}

export class CancelTaskDto {
  @ApiPropertyOptional({
    description:
      'Told to the recipients of the cancellation notice, as given. Without it they are told, in ' +
      'their language, who cancelled it.',
  })
  @Optional()
  @IsString()
  @Length(1, 500)
  @Matches(/^(?!\u2063reason:)/, { message: 'must not start with an invisible separator' })
  reason?: string;
}

export class TaskProgress {
  @ApiProperty({ nullable: true, type: String }) step!: string | null;
  @ApiProperty() percent!: number;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Estimated completion time',
  })
  eta!: string | null;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export class TaskResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ nullable: true, type: String, description: "The tenant's name" })
  tenantName!: string | null;
  @ApiProperty({ format: 'uuid' }) partnerId!: string;
  @ApiProperty({ format: 'uuid' }) platformId!: string;
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty() fromVersion!: string;
  @ApiProperty() targetVersion!: string;
  @ApiProperty({ enum: UPDATE_MODES }) mode!: UpdateMode;
  @ApiProperty({ format: 'date-time' }) runAt!: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Latest start: the end of the maintenance window',
  })
  expiresAt!: string | null;
  @ApiProperty() expectedDurationMinutes!: number;
  @ApiProperty() forced!: boolean;
  @ApiProperty() redeploy!: boolean;
  @ApiProperty() notifyPartner!: boolean;
  @ApiProperty() notifyCustomer!: boolean;
  @ApiProperty() allowDowngrade!: boolean;
  @ApiProperty({
    enum: TASK_KINDS,
    description: 'update, or rollback: restores the snapshots of the task `rollbackOf`',
  })
  kind!: TaskKind;
  @ApiProperty({
    type: [String],
    example: ['13.2.0', '13.5.0', '14.0.0'],
    description:
      'The versions in turn: the installed one, every hop of the upgrade path, the target last',
  })
  path!: string[];
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'A rollback: the task whose snapshots it restores',
  })
  rollbackOf!: string | null;
  @ApiProperty({ description: 'A failure after the apply restores the snapshots in the same run' })
  rollbackOnFailure!: boolean;
  @ApiProperty({
    description: 'The run failed and its automatic rollback restored the tenant (status: failed)',
  })
  rolledBack!: boolean;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty({ type: TaskProgress }) progress!: TaskProgress;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The API key that scheduled it' })
  createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The rollout the task belongs to (null for a plain batch)',
  })
  rolloutId!: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Its wave in the rollout, 0 for the first (null for a plain batch)',
  })
  wave!: number | null;
  @ApiProperty({
    enum: TASK_ACTIONS,
    isArray: true,
    description: "The actions the caller's role may take on the task in its current status",
  })
  actions!: TaskAction[];
  @ApiPropertyOptional({
    type: [SnapshotResponse],
    description:
      'GET /update-tasks/{id} only: the snapshots its backup steps took (its latest run that took any)',
  })
  snapshots?: SnapshotResponse[];

  static from(t: UpdateTask, actions: TaskAction[] = []): TaskResponse {
    return {
      id: t.id,
      tenantId: t.tenantId,
      tenantName: t.tenantName,
      partnerId: t.partnerId,
      platformId: t.platformId,
      batchId: t.batchId,
      fromVersion: t.fromVersion,
      targetVersion: t.targetVersion,
      mode: t.mode,
      runAt: t.runAt.toISOString(),
      expiresAt: iso(t.expiresAt),
      expectedDurationMinutes: t.expectedDurationMinutes,
      forced: t.forced,
      redeploy: t.redeploy,
      notifyPartner: t.notifyPartner,
      notifyCustomer: t.notifyCustomer,
      allowDowngrade: t.allowDowngrade,
      kind: t.kind,
      path: t.path,
      rollbackOf: t.rollbackOf,
      rollbackOnFailure: t.rollbackOnFailure,
      rolledBack: t.rolledBack,
      status: t.status,
      progress: { step: t.progressStep, percent: t.progressPercent, eta: iso(t.progressEta) },
      attempts: t.attempts,
      error: t.error,
      cancelReason: englishReason(t.cancelReason),
      createdBy: t.createdBy,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
      startedAt: iso(t.startedAt),
      finishedAt: iso(t.finishedAt),
      rolloutId: t.rolloutId,
      wave: t.wave,
      actions,
    };
  }
}

/**
 * The schema of a count for every task status: one property per TASK_STATUSES entry, so a new
 * status appears here by itself. The value is typed as Record<TaskStatus, number>.
 */
export class StatusCountsResponse {}
for (const status of TASK_STATUSES) {
  ApiProperty({ type: 'integer' })(StatusCountsResponse.prototype, status);
}

export class BatchResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() targetVersion!: string;
  @ApiProperty({ enum: UPDATE_MODES }) mode!: UpdateMode;
  @ApiProperty({ description: 'Tasks created (for a partner admin: its own tasks in the batch)' })
  total!: number;
  @ApiProperty({ type: StatusCountsResponse }) counts!: Record<TaskStatus, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The scope of the request: tenantIds, partnerId or platformId',
  })
  scope!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The options of the request (mode, runAt, forced, notifications …)',
  })
  options!: Record<string, unknown>;
}
