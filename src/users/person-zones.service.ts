import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedRows } from '../common/database-queries';
import { NotFoundError } from '../common/errors/domain-error';
import { ZoneRange, ZoneSchedule } from './zone-schedule';

interface ScheduleRow {
  userId: string;
  homeZone: string;
  timeZone: string | null;
  startsOn: string | null;
  endsOn: string | null;
}

/**
 * The time zone each person is in at a given moment: a travel range's zone while it runs, else the profile zone. What
 * calendars, overlaps and reminders read; `schedules` answers for many people in one query.
 */
@Injectable()
export class PersonZones {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Each person's schedule, keyed by user id; unknown ids are left out. */
  async schedules(userIds: string[]): Promise<Map<string, ZoneSchedule>> {
    const unique = [...new Set(userIds)];
    if (unique.length === 0) return new Map();
    const rows = await preparedRows<ScheduleRow>(
      this.dataSource.manager,
      `SELECT u.id AS "userId", u.time_zone AS "homeZone", t.time_zone AS "timeZone", t.starts_on::text AS "startsOn", t.ends_on::text AS "endsOn"
         FROM users u LEFT JOIN travel_time_zones t ON t.user_id = u.id
        WHERE u.id = ANY($1::uuid[])`,
      [unique],
    );
    const ranges = new Map<string, { homeZone: string; ranges: ZoneRange[] }>();
    for (const row of rows) {
      const entry = ranges.get(row.userId) ?? { homeZone: row.homeZone, ranges: [] };
      if (row.timeZone !== null) entry.ranges.push({ timeZone: row.timeZone, startsOn: row.startsOn, endsOn: row.endsOn });
      ranges.set(row.userId, entry);
    }
    return new Map([...ranges].map(([userId, entry]) => [userId, new ZoneSchedule(entry.homeZone, entry.ranges)]));
  }

  async schedule(userId: string): Promise<ZoneSchedule> {
    const schedule = (await this.schedules([userId])).get(userId);
    if (!schedule) throw new NotFoundError('User');
    return schedule;
  }

  /** The zone a person is in at `instant`. */
  async zoneAt(userId: string, instant: Date): Promise<string> {
    return (await this.schedule(userId)).zoneAt(instant);
  }
}
