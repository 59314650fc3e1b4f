import { Type } from 'class-transformer';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Optional } from '../../common/validators';
import { IsTagList } from '../../tenants/dto/tags';
import { ScheduleUpdatesDto } from '../../updates/dto/schedule-updates.dto';
import { MAX_WAVES, ON_ERROR, type OnError } from '../gates';

/** One wave: a percent of the tenants not placed in an earlier wave, a count of them, or a tag set. */
export class WaveDto {
  @ApiPropertyOptional({ description: 'Shown in views and e-mails (default "wave N")' })
  @Optional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({
    minimum: 0.01,
    maximum: 100,
    description:
      'This percent of the tenants not placed in an earlier wave, rounded up (at least one tenant)',
  })
  @Optional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100)
  percent?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'This many of the tenants not placed yet' })
  @Optional()
  @IsInt()
  @Min(1)
  count?: number;

  @ApiPropertyOptional({
    type: [String],
    description: 'Every tenant not placed yet that has all of these tags',
    example: ['ring:canary'],
  })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @IsTagList()
  tags?: string[];
}

/** A count, or a percent (of a wave's or the rollout's tasks). */
export class AmountDto {
  @ApiPropertyOptional({ minimum: 1 })
  @Optional()
  @IsInt()
  @Min(1)
  count?: number;

  @ApiPropertyOptional({ minimum: 0.01, maximum: 100 })
  @Optional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100)
  percent?: number;
}

/** POST /rollouts: the scope and options of POST /update-tasks, and the waves and their gates. */
export class CreateRolloutDto extends ScheduleUpdatesDto {
  @ApiPropertyOptional({
    type: [WaveDto],
    maxItems: MAX_WAVES,
    description:
      'In order; tenants left over after the last wave join it. Default: one wave of every tenant.',
  })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_WAVES)
  @ValidateNested({ each: true })
  @Type(() => WaveDto)
  waves?: WaveDto[];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100,
    default: 100,
    description:
      'Percent of a wave that must succeed before the next wave opens (cancelled tasks left out)',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(100)
  successThreshold?: number;

  @ApiPropertyOptional({
    type: AmountDto,
    description:
      'Failures that trip the error gate: a count (over the whole rollout), or a percent (of a wave, and of the whole rollout). Default: none.',
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => AmountDto)
  errorThreshold?: AmountDto;

  @ApiPropertyOptional({ enum: ON_ERROR, default: 'pause' })
  @Optional()
  @IsIn(ON_ERROR)
  onError?: OnError;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 10080,
    default: 0,
    description: 'Minutes to wait after a wave passed before the next opens',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(10080)
  soakMinutes?: number;

  @ApiPropertyOptional({
    type: AmountDto,
    description:
      "How many of the rollout's tasks may run at once: a count, or a percent of its tasks (rounded up)",
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => AmountDto)
  maxConcurrency?: AmountDto;
}
