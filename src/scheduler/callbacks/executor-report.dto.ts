import { IsUuid } from '../../common/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

/** A signed report of the http executor about one step (see docs/scheduler.md). */
export class ExecutorReportDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The task of the path: the signature covers the body only, so the body names it',
  })
  @IsUuid()
  taskId!: string;

  @ApiProperty({ description: 'The run the step belongs to (from the step request)' })
  @IsInt()
  @Min(1)
  run!: number;

  @ApiProperty({ example: 'apply@node-b', description: 'stepKey of the step request' })
  @IsString()
  @Length(1, 300)
  stepKey!: string;

  @ApiProperty({ enum: ['running', 'succeeded', 'failed'] })
  @IsIn(['running', 'succeeded', 'failed'])
  status!: 'running' | 'succeeded' | 'failed';

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: "The step's own progress" })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  percent?: number;

  @ApiPropertyOptional({ description: 'What the executor is doing, or why the step failed' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  message?: string;

  @ApiProperty({ description: 'When the report was sent (ISO 8601); at most 5 minutes off' })
  @IsISO8601({ strict: true })
  sentAt!: string;
}

export class ExecutorReportAnswer {
  @ApiProperty({ description: 'false: the task no longer runs that run (the report is ignored)' })
  accepted!: boolean;
}
