import { IsUuid } from '../../common/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { NOTICE_EVENTS, NoticeEvent } from '../notice-events';
import { OUTBOX_STATUSES, OutboxRow, OutboxStatus, RecipientKind } from '../outbox-row';

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES)
  status?: OutboxStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() taskId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() batchId?: string;
  @ApiPropertyOptional({ enum: NOTICE_EVENTS })
  @IsOptional()
  @IsIn(NOTICE_EVENTS)
  event?: NoticeEvent;
  @ApiPropertyOptional({ description: 'E-mail address (any letter case)' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  recipient?: string;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** One e-mail of the outbox. Its content is rendered when it is sent and is not stored. */
export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTICE_EVENTS }) event!: NoticeEvent;
  @ApiProperty() recipient!: string;
  @ApiProperty({ enum: ['partner', 'customer'] }) recipientKind!: RecipientKind;
  @ApiProperty({ example: 'de' }) locale!: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timezone!: string;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status!: OutboxStatus;
  @ApiProperty({ description: 'Sending attempts since it was queued (or resent)' })
  attempts!: number;
  @ApiProperty({ description: 'How often an admin had it sent again' }) resends!: number;
  @ApiProperty({ format: 'date-time', description: 'When a pending e-mail is (re)tried next' })
  nextAttemptAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last attempt failed' })
  lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Message-ID of the sent e-mail' })
  messageId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) taskId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) batchId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) partnerId!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Partner e-mails with the same key that are due together go out as one digest',
  })
  groupKey!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt!: string | null;

  static from(row: OutboxRow): NotificationResponse {
    return {
      id: row.id,
      event: row.event,
      recipient: row.recipient,
      recipientKind: row.recipientKind,
      locale: row.locale,
      timezone: row.timezone,
      status: row.status,
      attempts: row.attempts,
      resends: row.resends,
      nextAttemptAt: row.nextAttemptAt.toISOString(),
      lastError: row.lastError,
      messageId: row.messageId,
      taskId: row.taskId,
      batchId: row.batchId,
      partnerId: row.partnerId,
      groupKey: row.groupKey,
      createdAt: row.createdAt.toISOString(),
      sentAt: iso(row.sentAt),
    };
  }
}
