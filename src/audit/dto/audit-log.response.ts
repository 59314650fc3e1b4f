import { ApiProperty } from '@nestjs/swagger';

export class AuditActor {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) keyId!: string | null;
  @ApiProperty({ nullable: true, type: String }) role!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) partnerId!: string | null;
}

export class AuditLogResponse {
  @ApiProperty() id!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ type: AuditActor }) actor!: AuditActor;
  @ApiProperty({ example: 'update_batch.create' }) action!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ nullable: true, description: 'The entity before the change (secrets redacted)' })
  before!: unknown;
  @ApiProperty({ nullable: true, description: 'The entity after the change (secrets redacted)' })
  after!: unknown;
}
