import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The tenant a feed token belongs to, with what its feed needs to say. */
export interface FeedTenant {
  id: string;
  name: string;
  locale: string;
  timezone: string;
  platformId: string;
  platformName: string;
}

/** A platform maintenance period as a feed lists it. */
export interface FeedMaintenance {
  id: string;
  startsAt: Date;
  endsAt: Date;
  message: string;
}

/** The reads behind `GET /calendar/<token>.ics`. */
@Injectable()
export class CalendarFeedRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The tenant whose current calendar token this is (the unique index on calendar_token). */
  async tenantByToken(token: string): Promise<FeedTenant | null> {
    const rows: FeedTenant[] = await this.ds.query(
      `SELECT t.id, t.name, t.locale, t.timezone, t.platform_id AS "platformId", pl.name AS "platformName"
       FROM tenant t JOIN platform pl ON pl.id = t.platform_id
       WHERE t.calendar_token = $1`,
      [token],
    );
    return rows[0] ?? null;
  }

  /** The platform's announced maintenance that has not ended, soonest first. */
  async maintenance(platformId: string, now: Date): Promise<FeedMaintenance[]> {
    return this.ds.query(
      `SELECT m.id, m.starts_at AS "startsAt", m.ends_at AS "endsAt", m.message
       FROM platform_maintenance m
       WHERE m.platform_id = $1 AND m.ends_at > $2 ORDER BY m.starts_at, m.id`,
      [platformId, now],
    );
  }
}
