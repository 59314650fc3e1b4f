import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { OrderedPageQuery } from '../../common/pagination';
import { IsUuid } from '../../common/validators';

export class AuditLogQuery extends OrderedPageQuery {
  @ApiPropertyOptional({ example: 'tenant', description: 'e.g. tenant, partner, update_task' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @ApiPropertyOptional({ description: 'The id of the changed entity' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({
    example: 'tenant.update',
    description: 'e.g. tenant.update, update_task.cancel',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The API key that acted' })
  @IsOptional()
  @IsUuid()
  actorKeyId?: string;
}

export class AuditActorResponse {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) keyId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'platform_admin' }) role!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) partnerId!: string | null;
}

export class AuditLogResponse {
  @ApiProperty({ description: 'Increasing with time' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: AuditActorResponse }) actor!: AuditActorResponse;
  @ApiProperty({ example: 'tenant.update' }) action!: string;
  @ApiProperty({ example: 'tenant' }) entityType!: string;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The entity before the change (secrets left out)',
  })
  before!: unknown;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The entity after the change (secrets left out)',
  })
  after!: unknown;
}
