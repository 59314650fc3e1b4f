import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { TASK_STATUSES, type TaskStatus } from '../../updates/task-status';

export class PostponeOption {
  @ApiProperty({ format: 'date-time', description: 'The window’s start: the update’s new time' })
  start!: string;
  @ApiProperty({ format: 'date-time', description: 'The window’s end' })
  end!: string;
}

/** What the customer's link shows (the page renders the same in the customer's language). */
export class SelfServiceResponse {
  @ApiProperty() tenantName!: string;
  @ApiProperty() fromVersion!: string;
  @ApiProperty() targetVersion!: string;
  @ApiProperty({ format: 'date-time' }) runAt!: string;
  @ApiProperty({ description: 'The tenant’s time zone (the page shows times in it)' })
  timezone!: string;
  @ApiProperty({ example: 'de' }) locale!: string;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty({ description: 'Required by the platform operator: never postponed' })
  forced!: boolean;
  @ApiProperty({
    description:
      'This link may postpone the update now (the latest e-mail’s link, scheduled, not forced, ' +
      'within the policy, and a free window exists)',
  })
  canPostpone!: boolean;
  @ApiProperty({ type: [PostponeOption], description: 'The windows it may be postponed to' })
  postponeOptions!: PostponeOption[];
}

export class PostponeDto {
  @ApiProperty({ format: 'date-time', description: 'The start of one of postponeOptions' })
  @IsISO8601({ strict: true })
  start!: string;
}
