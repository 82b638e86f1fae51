import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../common/database-queries';
import { bookingExpiredSql } from './booking-expiry';
import { MeetingStatus, ParticipantSide, RequestStatus, RoundMode } from './consultation.enums';

/** A person of a meeting or request: who, and the company they meet for (their name comes from the users module). */
export interface PartyFact {
  userId: string;
  organizationName: string | null;
}

/** A meeting as it stands now, with what a message about it shows. */
export interface MeetingFact {
  id: string;
  eventId: string;
  eventName: string;
  roundId: string;
  roundName: string;
  roundMode: RoundMode;
  roundTimeZone: string;
  /** A booking that has expired reads as cancelled (as the API shows it), before the worker has marked it so. */
  status: MeetingStatus;
  startsAt: Date;
  endsAt: Date;
  version: number;
  locationName: string | null;
  videoLink: string | null;
  hasOutcome: boolean;
  host: PartyFact;
  guest: PartyFact;
}

export interface RequestFact {
  id: string;
  eventId: string;
  eventName: string;
  roundId: string;
  roundName: string;
  /** Pending requests of a round whose booking closed read as expired (as the API shows them). */
  status: RequestStatus;
  initiatedBy: ParticipantSide;
  message: string | null;
  bookingClosesAt: Date;
  host: PartyFact;
  guest: PartyFact;
}

export interface RoundFact {
  id: string;
  eventId: string;
  eventName: string;
  name: string;
  timeZone: string;
  bookingOpensAt: Date;
  bookingClosesAt: Date;
  /** Hosts and guests of the round's programme. */
  participantUserIds: string[];
}

const PARTY = (alias: string, userColumn: string): string => `json_build_object('userId', ${userColumn}, 'organizationName', ${alias}_organization.name)`;

const PARTY_JOINS = (alias: string, userColumn: string, programmeColumn: string): string => `
  LEFT JOIN programme_participants ${alias}_participant ON ${alias}_participant.programme_id = ${programmeColumn} AND ${alias}_participant.user_id = ${userColumn}
  LEFT JOIN organizations ${alias}_organization ON ${alias}_organization.id = ${alias}_participant.organization_id`;

/**
 * What the notifications worker may ask of consultations: meetings, requests and rounds as they stand at send time
 * (a job that wakes for a meeting that moved or was cancelled must see it), and the time-derived work (booking windows,
 * held meetings to prompt for an outcome, requests that expired). Read-only.
 */
@Injectable()
export class ConsultationFacts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async meetings(ids: string[]): Promise<Map<string, MeetingFact>> {
    if (ids.length === 0) return new Map();
    const rows = await queryRows<MeetingFact>(
      this.dataSource.manager,
      `SELECT m.id, m.event_id AS "eventId", e.name AS "eventName", m.round_id AS "roundId", r.name AS "roundName",
              r.mode::text AS "roundMode", r.time_zone AS "roundTimeZone",
              CASE WHEN ${bookingExpiredSql('m', 'r')} THEN 'cancelled' ELSE m.status::text END AS status, m.starts_at AS "startsAt",
              m.ends_at AS "endsAt", m.version, l.name AS "locationName", m.video_link AS "videoLink",
              EXISTS (SELECT 1 FROM meeting_outcomes o WHERE o.meeting_id = m.id) AS "hasOutcome",
              ${PARTY('host', 'm.host_user_id')} AS host, ${PARTY('guest', 'm.guest_user_id')} AS guest
         FROM meetings m
         JOIN consultation_rounds r ON r.id = m.round_id
         JOIN events e ON e.id = m.event_id
         LEFT JOIN round_locations l ON l.id = m.location_id
         ${PARTY_JOINS('host', 'm.host_user_id', 'r.programme_id')}
         ${PARTY_JOINS('guest', 'm.guest_user_id', 'r.programme_id')}
        WHERE m.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  async requests(ids: string[]): Promise<Map<string, RequestFact>> {
    if (ids.length === 0) return new Map();
    const rows = await queryRows<RequestFact>(
      this.dataSource.manager,
      `SELECT q.id, q.event_id AS "eventId", e.name AS "eventName", q.round_id AS "roundId", r.name AS "roundName",
              CASE WHEN q.status = 'pending' AND r.booking_closes_at <= now() THEN 'expired' ELSE q.status::text END AS status,
              q.initiated_by::text AS "initiatedBy", q.message, r.booking_closes_at AS "bookingClosesAt",
              ${PARTY('host', 'q.host_user_id')} AS host, ${PARTY('guest', 'q.guest_user_id')} AS guest
         FROM meeting_requests q
         JOIN consultation_rounds r ON r.id = q.round_id
         JOIN events e ON e.id = q.event_id
         ${PARTY_JOINS('host', 'q.host_user_id', 'r.programme_id')}
         ${PARTY_JOINS('guest', 'q.guest_user_id', 'r.programme_id')}
        WHERE q.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  async rounds(ids: string[]): Promise<Map<string, RoundFact>> {
    const rows = await this.roundRows('r.id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Rounds whose booking opens or closes within [from, to), with their participants. */
  roundsWithBookingEdgeBetween(from: Date, to: Date): Promise<RoundFact[]> {
    return this.roundRows('(r.booking_opens_at >= $1 AND r.booking_opens_at < $2) OR (r.booking_closes_at >= $1 AND r.booking_closes_at < $2)', [from, to]);
  }

  /** Held meetings without an outcome that ended within [from, to): their hosts are asked for one. */
  heldMeetingsEndedBetween(from: Date, to: Date): Promise<Array<{ meetingId: string; eventId: string; hostUserId: string; endsAt: Date }>> {
    return queryRows(
      this.dataSource.manager,
      `SELECT m.id AS "meetingId", m.event_id AS "eventId", m.host_user_id AS "hostUserId", m.ends_at AS "endsAt"
         FROM meetings m
        WHERE m.status = 'held' AND m.ends_at >= $1 AND m.ends_at < $2
          AND NOT EXISTS (SELECT 1 FROM meeting_outcomes o WHERE o.meeting_id = m.id)`,
      [from, to],
    );
  }

  /** Requests left pending when their round's booking closed within [from, to): the askers hear they expired. */
  requestsExpiredBetween(from: Date, to: Date): Promise<Array<{ requestId: string; eventId: string; roundId: string; askerUserId: string; expiredAt: Date }>> {
    return queryRows(
      this.dataSource.manager,
      `SELECT q.id AS "requestId", q.event_id AS "eventId", q.round_id AS "roundId",
              CASE WHEN q.initiated_by = 'host' THEN q.host_user_id ELSE q.guest_user_id END AS "askerUserId",
              r.booking_closes_at AS "expiredAt"
         FROM meeting_requests q JOIN consultation_rounds r ON r.id = q.round_id
        WHERE r.booking_closes_at >= $1 AND r.booking_closes_at < $2 AND r.booking_closes_at <= now()
          AND (q.status = 'expired' OR q.status = 'pending')`,
      [from, to],
    );
  }

  /**
   * Each person of each requested or confirmed meeting starting within [from, to): daily digests are made from it.
   * Bookings that have expired are left out, as the API shows them cancelled.
   */
  peopleInMeetingsBetween(from: Date, to: Date): Promise<Array<{ userId: string; startsAt: Date }>> {
    return queryRows(
      this.dataSource.manager,
      `SELECT person.user_id AS "userId", m.starts_at AS "startsAt"
         FROM meetings m JOIN consultation_rounds r ON r.id = m.round_id
              CROSS JOIN LATERAL (VALUES (m.host_user_id), (m.guest_user_id)) AS person(user_id)
        WHERE m.status IN ('requested', 'confirmed') AND NOT ${bookingExpiredSql('m', 'r')} AND m.starts_at >= $1 AND m.starts_at < $2`,
      [from, to],
    );
  }

  /** Requested (not expired) and confirmed meetings starting within [from, to), of everyone or of the people given. */
  async activeMeetingsBetween(from: Date, to: Date, userIds: string[] | null = null): Promise<MeetingFact[]> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource.manager,
      `SELECT m.id FROM meetings m JOIN consultation_rounds r ON r.id = m.round_id
        WHERE m.status IN ('requested', 'confirmed') AND NOT ${bookingExpiredSql('m', 'r')} AND m.starts_at >= $1 AND m.starts_at < $2
          AND ($3::uuid[] IS NULL OR m.host_user_id = ANY($3::uuid[]) OR m.guest_user_id = ANY($3::uuid[]))
        ORDER BY m.starts_at, m.id`,
      [from, to, userIds],
    );
    const facts = await this.meetings(rows.map((row) => row.id));
    return rows.map((row) => facts.get(row.id)).filter((fact): fact is MeetingFact => fact !== undefined);
  }

  private roundRows(condition: string, parameters: unknown[]): Promise<RoundFact[]> {
    return queryRows<RoundFact>(
      this.dataSource.manager,
      `SELECT r.id, r.event_id AS "eventId", e.name AS "eventName", r.name, r.time_zone AS "timeZone",
              r.booking_opens_at AS "bookingOpensAt", r.booking_closes_at AS "bookingClosesAt",
              COALESCE((SELECT array_agg(p.user_id ORDER BY p.user_id) FROM programme_participants p WHERE p.programme_id = r.programme_id), '{}') AS "participantUserIds"
         FROM consultation_rounds r JOIN events e ON e.id = r.event_id
        WHERE ${condition}`,
      parameters,
    );
  }
}
