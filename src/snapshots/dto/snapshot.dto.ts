import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { SNAPSHOT_STATES, type Snapshot, type SnapshotState } from '../snapshot';

export class SnapshotResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "The executor's id of the snapshot (what a restore names)" })
  externalId!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ format: 'uuid' }) platformId!: string;
  @ApiProperty({ format: 'uuid', description: 'The update task whose backup step took it' })
  taskId!: string;
  @ApiProperty({ description: 'The run of the task that took it' }) run!: number;
  @ApiProperty({ nullable: true, type: String, description: 'The node (HA tenants)' })
  node!: string | null;
  @ApiProperty({
    description: 'The version the node ran when it was taken: what a restore brings back',
  })
  version!: string;
  @ApiProperty({ format: 'date-time' }) takenAt!: string;
  @ApiProperty({
    format: 'date-time',
    description: "Deleted after this time unless pinned (the platform's snapshotRetentionDays)",
  })
  expiresAt!: string;
  @ApiProperty({
    enum: SNAPSHOT_STATES,
    description:
      'available: kept and restorable; deleting: the expiry job is deleting it (or tries again); ' +
      'deleted; delete_failed: the executor refused every try',
  })
  state!: SnapshotState;
  @ApiProperty({ description: 'Kept past its expiry until unpinned' }) pinned!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deletedAt!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The executor's answer to the last delete",
  })
  deleteResult!: string | null;

  static from(s: Snapshot): SnapshotResponse {
    return {
      id: s.id,
      externalId: s.externalId,
      tenantId: s.tenantId,
      platformId: s.platformId,
      taskId: s.taskId,
      run: s.run,
      node: s.node,
      version: s.version,
      takenAt: s.takenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      state: s.state,
      pinned: s.pinned,
      deletedAt: s.deletedAt?.toISOString() ?? null,
      deleteResult: s.deleteResult,
    };
  }
}

export class UpdateSnapshotDto {
  @ApiProperty({ description: 'true: kept until unpinned, whatever its expiry' })
  @IsBoolean()
  pinned!: boolean;
}
