import { ApiProperty } from '@nestjs/swagger';
import { LOCALES } from '../../common/locale';
import { MaintenanceWindowDto } from '../../common/maintenance-window.dto';
import { nextWindow } from '../../common/maintenance-window';
import { TENANT_STATES } from '../tenant.entity';
import { PENDING_TASK_STATUSES, type PendingTask, type Tenant } from '../tenant';
import { TenantNodeDto, TenantSimulationDto } from './tenant.dto';

export class TimeSlotResponse {
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
}

export class PendingTaskResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PENDING_TASK_STATUSES }) status!: PendingTask['status'];
  @ApiProperty({ description: 'When it is planned to run (or started)' }) runAt!: string;
  @ApiProperty() targetVersion!: string;
  @ApiProperty() mode!: string;
  @ApiProperty() forced!: boolean;
}

export class TenantResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) partnerId!: string;
  @ApiProperty({ format: 'uuid' }) platformId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() softwareVersion!: string;
  @ApiProperty({ nullable: true, type: String }) customerEmail!: string | null;
  @ApiProperty({ enum: LOCALES }) locale!: string;
  @ApiProperty() timezone!: string;
  @ApiProperty({ type: MaintenanceWindowDto }) maintenanceWindow!: Required<MaintenanceWindowDto>;
  @ApiProperty({ type: TimeSlotResponse, description: 'The next maintenance window from now' })
  nextMaintenanceWindow!: TimeSlotResponse;
  @ApiProperty() autoUpdateAllowed!: boolean;
  @ApiProperty() customizations!: boolean;
  @ApiProperty({ type: [TenantNodeDto] }) nodes!: TenantNodeDto[];
  @ApiProperty({ type: [String], example: ['ring:canary'] }) tags!: string[];
  @ApiProperty({
    type: TenantSimulationDto,
    nullable: true,
    description: 'Simulated executor only: a step that fails on purpose',
  })
  simulate!: TenantSimulationDto | null;
  @ApiProperty({ enum: TENANT_STATES }) state!: string;
  @ApiProperty({ description: 'Whether an update task is scheduled or running' })
  pendingUpdate!: boolean;
  @ApiProperty({
    type: PendingTaskResponse,
    nullable: true,
    description: 'The open update task, when pendingUpdate',
  })
  pendingTask!: PendingTaskResponse | null;
  @ApiProperty({
    format: 'uri',
    example: `http://localhost:3000/calendar/${'0123456789abcdef'.repeat(4)}.ics`,
    description:
      'The tenant’s calendar feed (iCalendar: its planned update and platform maintenance) for ' +
      'its customer to subscribe to. The address is the secret: `POST /tenants/{id}/calendar-token` ' +
      'replaces it.',
  })
  calendarUrl!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(t: Tenant, now: Date, publicUrl: string): TenantResponse {
    const next = nextWindow(t.maintenanceWindow, now);
    return {
      id: t.id,
      partnerId: t.partnerId,
      platformId: t.platformId,
      name: t.name,
      softwareVersion: t.softwareVersion,
      customerEmail: t.customerEmail,
      locale: t.locale,
      timezone: t.timezone,
      maintenanceWindow: { ...t.maintenanceWindow },
      nextMaintenanceWindow: { start: next.start.toISOString(), end: next.end.toISOString() },
      autoUpdateAllowed: t.autoUpdateAllowed,
      customizations: t.customizations,
      nodes: t.nodes,
      tags: t.tags,
      simulate: t.simulate,
      state: t.state,
      pendingUpdate: t.pendingUpdate,
      pendingTask: t.pendingTask && {
        ...t.pendingTask,
        runAt: t.pendingTask.runAt.toISOString(),
      },
      calendarUrl: calendarUrl(publicUrl, t.calendarToken),
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    };
  }
}

/** Where a tenant's calendar feed is served (CalendarFeedController). */
export function calendarUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/calendar/${token}.ics`;
}

export class CalendarTokenResponse {
  @ApiProperty({
    format: 'uri',
    description: 'The feed’s new address; the previous one now answers 404',
    example: `http://localhost:3000/calendar/${'0123456789abcdef'.repeat(4)}.ics`,
  })
  calendarUrl!: string;
}
