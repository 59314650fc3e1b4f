import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors';
import { validZone, supportedLocale } from '../notifications/format';
import { AppConfig } from '../config/app-config';
import { senderOf } from '../notifications/addresses';
import {
  type CalendarEvent,
  calendarFeed,
  maintenanceUid,
  taskUid,
} from '../notifications/calendar';
import { DigestRepository } from '../notifications/digest.repository';
import { MailTemplates } from '../notifications/templates';
import { taskView } from '../notifications/views';
import { CalendarFeedRepository } from './calendar-feed.repository';

/** A token as the tenants' calendar_token column default makes them: 64 lower-case hex digits. */
const TOKEN = /^[0-9a-f]{64}$/;

/**
 * A tenant's calendar feed: its planned update and its platform's announced maintenance. A task's
 * entry is the invitation's event (same UID, same SEQUENCE, same title), so a client that got the
 * invitation by e-mail and subscribes to the feed shows one event.
 */
@Injectable()
export class CalendarFeedService {
  private readonly domain: string;

  constructor(
    config: AppConfig,
    private readonly feeds: CalendarFeedRepository,
    private readonly digests: DigestRepository,
    private readonly templates: MailTemplates,
    private readonly clock: Clock,
  ) {
    this.domain = senderOf(config.mailFrom).domain;
  }

  /** An unknown, malformed or rotated-away token is "not found", saying nothing more. */
  async feed(token: string): Promise<string> {
    const tenant = TOKEN.test(token) ? await this.feeds.tenantByToken(token) : null;
    if (!tenant) throw new NotFoundError('This calendar');
    const now = this.clock.now();
    const locale = supportedLocale(tenant.locale);
    const [tasks, periods] = await Promise.all([
      this.digests.plannedTasks(tenant.id),
      this.feeds.maintenance(tenant.platformId, now),
    ]);
    const reader = { locale, timezone: validZone(tenant.timezone) };
    const events: CalendarEvent[] = [
      ...tasks.map((task) => {
        const summary = this.templates.calendarSummary(
          locale,
          taskView('task.scheduled', task, reader),
        );
        return {
          uid: taskUid(task.taskId, this.domain),
          sequence: task.sequence,
          start: task.runAt,
          end: task.windowEnd,
          summary,
          description: `${summary} (${task.fromVersion} → ${task.targetVersion})`,
          status: 'CONFIRMED' as const,
          stamp: now,
        };
      }),
      ...periods.map((m) => ({
        uid: maintenanceUid(m.id, this.domain),
        sequence: 0,
        start: m.startsAt,
        end: m.endsAt,
        summary: this.templates.calendarMaintenanceSummary(locale, {
          platformName: tenant.platformName,
        }),
        description: m.message,
        status: 'CONFIRMED' as const,
        stamp: now,
      })),
    ];
    return calendarFeed(tenant.name, events);
  }
}
