import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, Repository } from 'typeorm';
import { preparedRows } from '../common/database-queries';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventAccessService } from '../events/event-access.service';
import { SessionKind } from './agenda.enums';
import { AgendaSession } from './agenda-session.entity';
import { MyAgendaItemResponse } from './dto/registration.dto';
import { SessionPresenter } from './session-presenter.service';

/** A time someone is taken by the agenda, for matchmaking to keep 1:1 meetings away from. */
export interface BusyInterval {
  userId: string;
  sessionId: string;
  startsAt: Date;
  endsAt: Date;
  reason: 'speaking' | 'registered';
}

/** What other modules see of a session: its kind, titles and times. */
export interface SessionTimes {
  id: string;
  eventId: string;
  kind: SessionKind;
  titleKo: string | null;
  titleEn: string | null;
  startsAt: Date;
  endsAt: Date;
}

/** A session as a message about it shows it (reminders, daily digests). */
export interface SessionFact {
  id: string;
  eventId: string;
  eventName: string;
  eventTimeZone: string;
  titleKo: string | null;
  titleEn: string | null;
  startsAt: Date;
  endsAt: Date;
  roomNameKo: string | null;
  roomNameEn: string | null;
}

/** Someone who speaks at or holds a seat in a session. */
export interface SessionAttendance {
  sessionId: string;
  eventId: string;
  userId: string;
  startsAt: Date;
}

const SESSION_FACT_COLUMNS = `s.id, s.event_id AS "eventId", e.name AS "eventName", e.time_zone AS "eventTimeZone", s.title_ko AS "titleKo",
  s.title_en AS "titleEn", s.starts_at AS "startsAt", s.ends_at AS "endsAt", room.name_ko AS "roomNameKo", room.name_en AS "roomNameEn"`;

/** People taking part in sessions: speakers and seated registrants (a waitlist place does not count). */
const ATTENDANCE = `
  SELECT sp.session_id, sp.user_id FROM session_speakers sp WHERE sp.user_id IS NOT NULL
  UNION
  SELECT r.session_id, r.user_id FROM session_registrations r WHERE r.status = 'registered'`;

/**
 * The sessions each of `people` (a uuid[] placeholder or expression) speaks at or holds a seat in that overlap
 * [`from`, `to`), one row per person and session (speaking over seated), as busyIntervals reads them.
 */
function busyRowsSql(people: string, from: string, to: string): string {
  return `SELECT DISTINCT ON (busy."userId", busy."sessionId") busy.*
       FROM (
         SELECT sp.user_id AS "userId", sp.session_id AS "sessionId", sp.starts_at AS "startsAt", sp.ends_at AS "endsAt",
                'speaking' AS reason, 0 AS rank
         FROM session_speakers sp
         WHERE sp.user_id = ANY(${people}) AND sp.starts_at < ${to} AND sp.ends_at > ${from}
         UNION ALL
         SELECT r.user_id, s.id, s.starts_at, s.ends_at, 'registered', 1
         FROM session_registrations r JOIN agenda_sessions s ON s.id = r.session_id
         WHERE r.user_id = ANY(${people}) AND r.status = 'registered' AND s.starts_at < ${to} AND s.ends_at > ${from}
       ) busy
       ORDER BY busy."userId", busy."sessionId", busy.rank`;
}

const BUSY_INTERVALS_SQL = busyRowsSql('$1::uuid[]', '$2', '$3');

/** Who is busy in the agenda and why, in time order, as `agendaBusySql` gives it. */
export interface BusyPerson {
  userId: string;
  reason: BusyInterval['reason'];
}

/**
 * busyIntervals as a scalar SQL expression (a json array of BusyPerson in time order, or null for nobody), for a
 * module that must read it in the same statement as its own read (booking). The arguments are placeholders or
 * expressions: a uuid[] of people, and the bounds of the time.
 */
export function agendaBusySql(people: string, from: string, to: string): string {
  return `(SELECT json_agg(json_build_object('userId', busy."userId", 'reason', busy.reason) ORDER BY busy."startsAt", busy."userId", busy."sessionId")
             FROM (${busyRowsSql(people, from, to)}) AS busy)`;
}

/** Personal agendas, and what other modules may ask of the agenda (this is the module's only export). */
@Injectable()
export class AgendaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(AgendaSession) private readonly sessions: Repository<AgendaSession>,
    private readonly eventAccess: EventAccessService,
    private readonly presenter: SessionPresenter,
  ) {}

  /**
   * The sessions each person speaks at or holds a seat in (a waitlist place does not count) that overlap
   * [from, to), in time order. A person both speaking and seated at one session is listed once, as speaking.
   */
  async busyIntervals(userIds: string[], from: Date, to: Date): Promise<BusyInterval[]> {
    if (userIds.length === 0 || to <= from) return [];
    // Booking checks every slot against it: prepared.
    const rows = await preparedRows<BusyInterval & { rank: number }>(this.dataSource.manager, BUSY_INTERVALS_SQL, [userIds, from, to]);
    return rows
      .map(({ userId, sessionId, startsAt, endsAt, reason }) => ({ userId, sessionId, startsAt, endsAt, reason }))
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.userId.localeCompare(b.userId));
  }

  /** A session of the event, or null (for other modules: IR pitch sessions run inside one). */
  async findSession(eventId: string, sessionId: string): Promise<SessionTimes | null> {
    if (!isUUID(sessionId)) return null;
    const session = await this.sessions.findOne({ where: { id: sessionId, eventId } });
    if (!session) return null;
    const { id, kind, titleKo, titleEn, startsAt, endsAt } = session;
    return { id, eventId, kind, titleKo, titleEn, startsAt, endsAt };
  }

  /** Who speaks at or holds a seat in the sessions starting within [from, to): session reminders are made from it. */
  async attendanceBetween(from: Date, to: Date): Promise<SessionAttendance[]> {
    return this.dataSource.query(
      `SELECT s.id AS "sessionId", s.event_id AS "eventId", a.user_id AS "userId", s.starts_at AS "startsAt"
         FROM agenda_sessions s JOIN (${ATTENDANCE}) a ON a.session_id = s.id
        WHERE s.starts_at >= $1 AND s.starts_at < $2`,
      [from, to],
    );
  }

  /** Whether the person still speaks at or holds a seat in the session (checked when a reminder is due). */
  async attends(sessionId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM (${ATTENDANCE}) a WHERE a.session_id = $1 AND a.user_id = $2`, [sessionId, userId]);
    return rows.length > 0;
  }

  async sessionFacts(ids: string[]): Promise<Map<string, SessionFact>> {
    if (ids.length === 0) return new Map();
    const rows: SessionFact[] = await this.dataSource.query(
      `SELECT ${SESSION_FACT_COLUMNS} FROM agenda_sessions s JOIN events e ON e.id = s.event_id LEFT JOIN rooms room ON room.id = s.room_id
        WHERE s.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** The sessions a person speaks at or holds a seat in, starting within [from, to), in time order. */
  async sessionsOf(userId: string, from: Date, to: Date): Promise<SessionFact[]> {
    return this.dataSource.query(
      `SELECT ${SESSION_FACT_COLUMNS}
         FROM agenda_sessions s JOIN events e ON e.id = s.event_id LEFT JOIN rooms room ON room.id = s.room_id
        WHERE s.starts_at >= $2 AND s.starts_at < $3 AND s.id IN (SELECT a.session_id FROM (${ATTENDANCE}) a WHERE a.user_id = $1)
        ORDER BY s.starts_at, s.id`,
      [userId, from, to],
    );
  }

  /** Your sessions in one event: where you speak, hold a seat or wait for one. */
  async mine(user: AuthenticatedUser, eventId: string): Promise<MyAgendaItemResponse[]> {
    const { event } = await this.eventAccess.requireVisible(user, eventId);
    return this.itemsFor(user, await this.mySessions(user, eventId), () => event.timeZone);
  }

  /** Your sessions in every event you may see, each shown in its event's zone. */
  async mineEverywhere(user: AuthenticatedUser): Promise<MyAgendaItemResponse[]> {
    const sessions = await this.mySessions(user, null);
    const zones = new Map<string, string>();
    for (const eventId of new Set(sessions.map((session) => session.eventId))) {
      try {
        zones.set(eventId, (await this.eventAccess.requireVisible(user, eventId)).event.timeZone);
      } catch (error) {
        // A draft event you do not organize stays hidden, with its sessions.
        if (!(error instanceof DomainError && error.code === ErrorCode.NotFound)) throw error;
      }
    }
    const visible = sessions.filter((session) => zones.has(session.eventId));
    return this.itemsFor(user, visible, (session) => zones.get(session.eventId)!);
  }

  private mySessions(user: AuthenticatedUser, eventId: string | null): Promise<AgendaSession[]> {
    const builder = this.sessions
      .createQueryBuilder('session')
      .where(
        `(EXISTS (SELECT 1 FROM session_speakers sp WHERE sp.session_id = session.id AND sp.user_id = :userId)
          OR EXISTS (SELECT 1 FROM session_registrations r WHERE r.session_id = session.id AND r.user_id = :userId))`,
        { userId: user.id },
      )
      .orderBy('session.startsAt', 'ASC')
      .addOrderBy('session.id', 'ASC');
    if (eventId) builder.andWhere('session.eventId = :eventId', { eventId });
    return builder.getMany();
  }

  private async itemsFor(
    user: AuthenticatedUser,
    sessions: AgendaSession[],
    timeZoneOf: (session: AgendaSession) => string,
  ): Promise<MyAgendaItemResponse[]> {
    if (sessions.length === 0) return [];
    const [responses, positions] = await Promise.all([
      this.presenter.many(sessions, timeZoneOf, user.id),
      this.waitlistPositions(user.id, sessions.map((session) => session.id)),
    ]);
    return responses.map((response) =>
      MyAgendaItemResponse.fromSession(
        response,
        response.speakers.some((speaker) => speaker.userId === user.id),
        positions.get(response.id) ?? null,
      ),
    );
  }

  private async waitlistPositions(userId: string, sessionIds: string[]): Promise<Map<string, number>> {
    const rows: Array<{ sessionId: string; position: number }> = await this.dataSource.query(
      `SELECT r.session_id AS "sessionId", (
         SELECT count(*)::int FROM session_registrations w
         WHERE w.session_id = r.session_id AND w.status = 'waitlisted' AND (w.created_at, w.user_id) <= (r.created_at, r.user_id)
       ) AS position
       FROM session_registrations r
       WHERE r.user_id = $1 AND r.session_id = ANY($2::uuid[]) AND r.status = 'waitlisted'`,
      [userId, sessionIds],
    );
    return new Map(rows.map((row) => [row.sessionId, row.position]));
  }
}
