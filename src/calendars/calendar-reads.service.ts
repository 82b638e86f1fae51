import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedRows } from '../common/database-queries';
import { LocationKind, MeetingStatus, RoundMode } from '../consultations/consultation.enums';

/** A meeting with everything a calendar shows of it: the round, the place, both people and their companies. */
export interface CalendarMeetingRow {
  id: string;
  eventId: string;
  eventName: string;
  venueName: string | null;
  venueAddress: string | null;
  roundId: string;
  roundName: string;
  roundPosition: number;
  roundMode: RoundMode;
  roundTimeZone: string;
  status: MeetingStatus;
  /** Changes since the booking, from the meeting's history: the ICS SEQUENCE. */
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  locationId: string | null;
  locationName: string | null;
  locationKind: LocationKind | null;
  videoLink: string | null;
  cancelledAt: Date | null;
  /**
   * The last change to what a calendar entry of the meeting says, as far as it is dated: the meeting, its event (name,
   * venue), both people and their companies (names). DTSTAMP and LAST-MODIFIED. Rounds, round locations and rooms keep
   * no time of change, so renaming one changes the entry's text without moving this.
   */
  lastModified: Date;
  hostUserId: string;
  hostName: string;
  hostOrganizationId: string | null;
  hostOrganizationName: string | null;
  guestUserId: string;
  guestName: string;
  guestOrganizationId: string | null;
  guestOrganizationName: string | null;
}

/** A meeting as a day per table and room shows it. */
export type PlacedMeetingRow = Pick<
  CalendarMeetingRow,
  | 'id'
  | 'roundId'
  | 'roundName'
  | 'status'
  | 'startsAt'
  | 'endsAt'
  | 'locationId'
  | 'locationName'
  | 'locationKind'
  | 'hostUserId'
  | 'hostName'
  | 'hostOrganizationId'
  | 'hostOrganizationName'
  | 'guestUserId'
  | 'guestName'
  | 'guestOrganizationId'
  | 'guestOrganizationName'
>;

type PlacedMeetingBase = Omit<
  PlacedMeetingRow,
  'hostName' | 'hostOrganizationId' | 'hostOrganizationName' | 'guestName' | 'guestOrganizationId' | 'guestOrganizationName'
> & { programmeId: string };

export type SessionPart = 'speaker' | 'registered' | 'waitlisted';

export interface CalendarSessionRow {
  id: string;
  eventId: string;
  eventName: string;
  eventTimeZone: string;
  venueName: string | null;
  venueAddress: string | null;
  titleKo: string | null;
  titleEn: string | null;
  kind: string;
  part: SessionPart;
  roomId: string | null;
  roomNameKo: string | null;
  roomNameEn: string | null;
  startsAt: Date;
  endsAt: Date;
  /** The last change to the session or its event (name, venue); rooms keep no time of change. */
  lastModified: Date;
}

export interface BlockedSlotRow {
  roundId: string;
  roundName: string;
  roundTimeZone: string;
  eventId: string;
  eventName: string;
  startsAt: Date;
  endsAt: Date;
}

/** Where a person's items come from: a time window (either end open), one event, and how long cancellations linger. */
export interface PersonItemsFilter {
  from?: Date;
  to?: Date;
  eventId?: string;
  /** Cancelled meetings only if cancelled since then (feeds); left out, every cancelled meeting in the window. */
  cancelledSince?: Date;
}

/** Slots are at most 480 minutes long (consultation_rounds_slot_length): bounds the index scan of closed slots. */
const LONGEST_SLOT_MINUTES = 480;

/**
 * One party of a meeting as the query gives it: [name, organization id, organization name, last change of the person or
 * the organization (JSON text)].
 */
type PartyColumns = [string, string | null, string | null, string];

type MeetingQueryRow = Omit<CalendarMeetingRow, 'hostName' | 'hostOrganizationId' | 'hostOrganizationName' | 'guestName' | 'guestOrganizationId' | 'guestOrganizationName'> & {
  host: PartyColumns;
  guest: PartyColumns;
};

/**
 * Each party's name and company come from a scalar subquery rather than six more joins: PostgreSQL then plans a join of
 * five tables instead of eleven, which halved planning, the larger part of this query's cost.
 */
const partyColumns = (userColumn: string): string => `(
    SELECT json_build_array(u.name, o.id, o.name, GREATEST(u.updated_at, o.updated_at)) FROM users u
      LEFT JOIN programme_participants p ON p.programme_id = r.programme_id AND p.user_id = u.id
      LEFT JOIN organizations o ON o.id = p.organization_id
     WHERE u.id = ${userColumn})`;

const MEETING_COLUMNS = `
  m.id, m.event_id AS "eventId", e.name AS "eventName", e.venue_name AS "venueName", e.venue_address AS "venueAddress",
  m.round_id AS "roundId", r.name AS "roundName", r.position AS "roundPosition", r.mode::text AS "roundMode", r.time_zone AS "roundTimeZone",
  m.status::text AS status,
  (SELECT count(*) FROM meeting_history h WHERE h.meeting_id = m.id AND h.action <> 'booked')::int AS sequence,
  m.starts_at AS "startsAt", m.ends_at AS "endsAt", m.location_id AS "locationId", l.name AS "locationName", l.kind::text AS "locationKind",
  m.video_link AS "videoLink", COALESCE(m.cancelled_at, CASE WHEN m.status = 'cancelled' THEN m.updated_at END) AS "cancelledAt",
  GREATEST(m.updated_at, e.updated_at) AS "lastModified", m.host_user_id AS "hostUserId", m.guest_user_id AS "guestUserId",
  ${partyColumns('m.host_user_id')} AS host,
  ${partyColumns('m.guest_user_id')} AS guest`;

const MEETING_JOINS = `
  JOIN events e ON e.id = m.event_id
  JOIN consultation_rounds r ON r.id = m.round_id
  LEFT JOIN round_locations l ON l.id = m.location_id`;

function meetingRow({ host, guest, ...row }: MeetingQueryRow): CalendarMeetingRow {
  return {
    ...row,
    lastModified: new Date(Math.max(row.lastModified.getTime(), Date.parse(host[3]), Date.parse(guest[3]))),
    hostName: host[0],
    hostOrganizationId: host[1],
    hostOrganizationName: host[2],
    guestName: guest[0],
    guestOrganizationId: guest[1],
    guestOrganizationName: guest[2],
  };
}

/**
 * The read side of calendars: one indexed query per kind of item, reading the consultation, agenda and event tables
 * without writing them (their modules own every write). Private notes, outcomes and booking messages are never read
 * here, so no calendar can show them.
 */
@Injectable()
export class CalendarReads {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The meetings a person is a party to, in events they belong to, overlapping the window, in time order. Driven by
   * the person's attendee rows (index meeting_attendees_user_times).
   */
  async meetingsOf(userId: string, filter: PersonItemsFilter): Promise<CalendarMeetingRow[]> {
    const rows = await preparedRows<MeetingQueryRow>(
      this.dataSource.manager,
      `SELECT ${MEETING_COLUMNS}
         FROM meeting_attendees a
         JOIN meetings m ON m.id = a.meeting_id
         ${MEETING_JOINS}
        WHERE a.user_id = $1
          AND ($2::timestamptz IS NULL OR a.ends_at > $2) AND ($3::timestamptz IS NULL OR a.starts_at < $3)
          AND ($4::uuid IS NULL OR m.event_id = $4)
          AND ($5::timestamptz IS NULL OR m.status <> 'cancelled' OR COALESCE(m.cancelled_at, m.updated_at) >= $5)
          AND EXISTS (SELECT 1 FROM event_memberships em WHERE em.event_id = m.event_id AND em.user_id = $1)
        ORDER BY m.starts_at, m.id`,
      [userId, filter.from ?? null, filter.to ?? null, filter.eventId ?? null, filter.cancelledSince ?? null],
    );
    return rows.map(meetingRow);
  }

  async meeting(meetingId: string): Promise<CalendarMeetingRow | null> {
    const [row] = await preparedRows<MeetingQueryRow>(this.dataSource.manager, `SELECT ${MEETING_COLUMNS} FROM meetings m ${MEETING_JOINS} WHERE m.id = $1`, [
      meetingId,
    ]);
    return row ? meetingRow(row) : null;
  }

  /**
   * Meetings of an event at a table, room or booth that are not cancelled, overlapping the window (index
   * meetings_event_starts), without SEQUENCE, which a day view does not show. A day can hold a thousand meetings: their
   * people's names and companies come in a second statement, by id, so the cost follows the day, not the platform's
   * number of users (joined in one statement, PostgreSQL hashed the whole users table).
   */
  async placedMeetings(eventId: string, from: Date, to: Date, roundId: string | null): Promise<PlacedMeetingRow[]> {
    const meetings = await preparedRows<PlacedMeetingBase>(
      this.dataSource.manager,
      `SELECT m.id, m.round_id AS "roundId", r.name AS "roundName", r.programme_id AS "programmeId", m.status::text AS status,
              m.starts_at AS "startsAt", m.ends_at AS "endsAt", m.location_id AS "locationId", l.name AS "locationName",
              l.kind::text AS "locationKind", m.host_user_id AS "hostUserId", m.guest_user_id AS "guestUserId"
         FROM meetings m
         JOIN consultation_rounds r ON r.id = m.round_id
         JOIN round_locations l ON l.id = m.location_id
        WHERE m.event_id = $1 AND m.starts_at < $3 AND m.starts_at >= $2::timestamptz - make_interval(mins => ${LONGEST_SLOT_MINUTES}) AND m.ends_at > $2
          AND m.status <> 'cancelled' AND ($4::uuid IS NULL OR m.round_id = $4)
        ORDER BY m.starts_at, m.id`,
      [eventId, from, to, roundId],
    );
    if (meetings.length === 0) return [];
    const people = await preparedRows<{ userId: string; name: string; programmeId: string | null; organizationId: string | null; organizationName: string | null }>(
      this.dataSource.manager,
      `SELECT u.id AS "userId", u.name, p.programme_id AS "programmeId", o.id AS "organizationId", o.name AS "organizationName"
         FROM users u
         LEFT JOIN programme_participants p ON p.user_id = u.id AND p.programme_id = ANY($2::uuid[])
         LEFT JOIN organizations o ON o.id = p.organization_id
        WHERE u.id = ANY($1::uuid[])`,
      [[...new Set(meetings.flatMap((meeting) => [meeting.hostUserId, meeting.guestUserId]))], [...new Set(meetings.map((meeting) => meeting.programmeId))]],
    );
    const names = new Map(people.map((person) => [person.userId, person.name]));
    const companies = new Map(people.map((person) => [`${person.programmeId}:${person.userId}`, person]));
    return meetings.map(({ programmeId, ...meeting }) => {
      const host = companies.get(`${programmeId}:${meeting.hostUserId}`);
      const guest = companies.get(`${programmeId}:${meeting.guestUserId}`);
      return {
        ...meeting,
        hostName: names.get(meeting.hostUserId) ?? '',
        hostOrganizationId: host?.organizationId ?? null,
        hostOrganizationName: host?.organizationName ?? null,
        guestName: names.get(meeting.guestUserId) ?? '',
        guestOrganizationId: guest?.organizationId ?? null,
        guestOrganizationName: guest?.organizationName ?? null,
      };
    });
  }

  /**
   * The sessions a person speaks at, holds a seat in or waits for, overlapping the window, in time order. A draft
   * event's sessions show only to its organizers, as on the agenda.
   */
  async sessionsOf(userId: string, filter: PersonItemsFilter): Promise<CalendarSessionRow[]> {
    const rows = await preparedRows<CalendarSessionRow>(
      this.dataSource.manager,
      `SELECT DISTINCT ON (s.id)
              s.id, s.event_id AS "eventId", e.name AS "eventName", e.time_zone AS "eventTimeZone", e.venue_name AS "venueName",
              e.venue_address AS "venueAddress", s.title_ko AS "titleKo", s.title_en AS "titleEn", s.kind::text AS kind, mine.part,
              s.room_id AS "roomId", rm.name_ko AS "roomNameKo", rm.name_en AS "roomNameEn", s.starts_at AS "startsAt", s.ends_at AS "endsAt",
              GREATEST(s.updated_at, e.updated_at) AS "lastModified"
         FROM (
           SELECT sp.session_id, 'speaker' AS part, 0 AS rank FROM session_speakers sp WHERE sp.user_id = $1
           UNION ALL
           SELECT sr.session_id, sr.status::text, CASE WHEN sr.status = 'registered' THEN 1 ELSE 2 END FROM session_registrations sr WHERE sr.user_id = $1
         ) mine
         JOIN agenda_sessions s ON s.id = mine.session_id
         JOIN events e ON e.id = s.event_id
         LEFT JOIN rooms rm ON rm.id = s.room_id
        WHERE ($2::timestamptz IS NULL OR s.ends_at > $2) AND ($3::timestamptz IS NULL OR s.starts_at < $3)
          AND ($4::uuid IS NULL OR s.event_id = $4)
          AND (e.status <> 'draft' OR EXISTS (
                SELECT 1 FROM event_memberships em WHERE em.event_id = e.id AND em.user_id = $1 AND 'organizer' = ANY(em.roles)))
        ORDER BY s.id, mine.rank`,
      [userId, filter.from ?? null, filter.to ?? null, filter.eventId ?? null],
    );
    return rows.sort((first, second) => first.startsAt.getTime() - second.startsAt.getTime() || first.id.localeCompare(second.id));
  }

  /** The slots a person closed in rounds of events they belong to, overlapping the window (index unavailable_slots_user_starts). */
  blockedSlotsOf(userId: string, filter: Required<Pick<PersonItemsFilter, 'from' | 'to'>> & Pick<PersonItemsFilter, 'eventId'>): Promise<BlockedSlotRow[]> {
    return preparedRows<BlockedSlotRow>(
      this.dataSource.manager,
      `SELECT u.round_id AS "roundId", r.name AS "roundName", r.time_zone AS "roundTimeZone", r.event_id AS "eventId", e.name AS "eventName",
              u.starts_at AS "startsAt", u.starts_at + make_interval(mins => r.slot_minutes) AS "endsAt"
         FROM unavailable_slots u
         JOIN consultation_rounds r ON r.id = u.round_id
         JOIN events e ON e.id = r.event_id
        WHERE u.user_id = $1 AND u.starts_at < $3 AND u.starts_at >= $2::timestamptz - make_interval(mins => ${LONGEST_SLOT_MINUTES})
          AND u.starts_at + make_interval(mins => r.slot_minutes) > $2
          AND ($4::uuid IS NULL OR r.event_id = $4)
          AND EXISTS (SELECT 1 FROM event_memberships em WHERE em.event_id = r.event_id AND em.user_id = $1)
        ORDER BY u.starts_at, r.name`,
      [userId, filter.from, filter.to, filter.eventId ?? null],
    );
  }

  /** Agenda sessions held in a room of the event, overlapping the window (index agenda_sessions_event_starts). */
  roomSessions(eventId: string, from: Date, to: Date): Promise<CalendarSessionRow[]> {
    return preparedRows<CalendarSessionRow>(
      this.dataSource.manager,
      `SELECT s.id, s.event_id AS "eventId", e.name AS "eventName", e.time_zone AS "eventTimeZone", e.venue_name AS "venueName",
              e.venue_address AS "venueAddress", s.title_ko AS "titleKo", s.title_en AS "titleEn", s.kind::text AS kind, 'registered' AS part,
              s.room_id AS "roomId", rm.name_ko AS "roomNameKo", rm.name_en AS "roomNameEn", s.starts_at AS "startsAt", s.ends_at AS "endsAt",
              GREATEST(s.updated_at, e.updated_at) AS "lastModified"
         FROM agenda_sessions s
         JOIN events e ON e.id = s.event_id
         JOIN rooms rm ON rm.id = s.room_id
        WHERE s.event_id = $1 AND s.starts_at < $3 AND s.ends_at > $2
        ORDER BY s.starts_at, s.id`,
      [eventId, from, to],
    );
  }
}
