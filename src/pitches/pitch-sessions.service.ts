import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AgendaService, SessionTimes } from '../agenda/agenda.service';
import { SessionKind } from '../agenda/agenda.enums';
import { CallKind } from '../calls/call.enums';
import { ApplicationSummary, CallResultsService, CallSummary, isSelected } from '../calls/call-results.service';
import { isConstraintViolation, queryRows } from '../common/database-queries';
import { DomainError, FieldError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { toZonedIso } from '../common/time/zoned-time';
import { RoundCatalog } from '../consultations/round-catalog.service';
import { EventAccessService } from '../events/event-access.service';
import {
  CreatePitchSessionDto,
  PitchInterestFiguresResponse,
  PitchSessionResponse,
  PitchSlotResponse,
  RunningOrderDto,
  UpdatePitchSessionDto,
} from './dto/pitch.dto';
import { PitchSession } from './pitch-session.entity';
import { PitchSlot } from './pitch-slot.entity';
import { pitchTimes, runningOrderFits } from './running-order';

/**
 * IR pitch sessions: an agenda session of kind ir_pitch, the IR call whose selected startups pitch in it, their running
 * order (reordered by organizers), and the interest investors showed. Members of the event see the running order;
 * organizers manage it.
 */
@Injectable()
export class PitchSessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(PitchSession) private readonly pitchSessions: Repository<PitchSession>,
    @InjectRepository(PitchSlot) private readonly slots: Repository<PitchSlot>,
    private readonly eventAccess: EventAccessService,
    private readonly agenda: AgendaService,
    private readonly callResults: CallResultsService,
    private readonly roundCatalog: RoundCatalog,
  ) {}

  async create(user: AuthenticatedUser, eventId: string, dto: CreatePitchSessionDto): Promise<PitchSessionResponse> {
    const { event } = await this.eventAccess.requireOrganizer(user, eventId);
    const fields: FieldError[] = [];
    const agendaSession = await this.agenda.findSession(eventId, dto.agendaSessionId);
    if (!agendaSession) fields.push({ field: 'agendaSessionId', messages: ['not a session of this event'] });
    else if (agendaSession.kind !== SessionKind.IrPitch) fields.push({ field: 'agendaSessionId', messages: ['the session must be of kind ir_pitch'] });
    const call = await this.callResults.findCall(eventId, dto.callId);
    if (!call) fields.push({ field: 'callId', messages: ['not a call of this event'] });
    else if (call.kind !== CallKind.IrPitch) fields.push({ field: 'callId', messages: ['the call must be an IR pitch call'] });
    fields.push(...(await this.roundFields(eventId, dto.consultationRoundId)));
    if (fields.length > 0) throw new ValidationError(fields);
    let created: PitchSession;
    try {
      created = await this.pitchSessions.save(
        this.pitchSessions.create({
          eventId,
          agendaSessionId: agendaSession!.id,
          callId: call!.id,
          consultationRoundId: dto.consultationRoundId ?? null,
          pitchMinutes: dto.pitchMinutes ?? 7,
          qaMinutes: dto.qaMinutes ?? 3,
        }),
      );
    } catch (error) {
      if (isConstraintViolation(error, 'pitch_sessions_one_per_agenda_session')) {
        throw new DomainError(ErrorCode.PitchSessionExists, 'This agenda session already has a running order; change that one', [
          { field: 'agendaSessionId', messages: ['the session already has a running order'] },
        ]);
      }
      throw error;
    }
    return this.present(created, event.timeZone, user.id);
  }

  async list(user: AuthenticatedUser, eventId: string): Promise<PitchSessionResponse[]> {
    const { event } = await this.eventAccess.requireMember(user, eventId);
    const pitchSessions = await this.pitchSessions.find({ where: { eventId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const responses: PitchSessionResponse[] = [];
    for (const pitchSession of pitchSessions) responses.push(await this.present(pitchSession, event.timeZone, user.id));
    return responses.sort((first, second) => Date.parse(first.startsAt) - Date.parse(second.startsAt));
  }

  async get(user: AuthenticatedUser, eventId: string, pitchSessionId: string): Promise<PitchSessionResponse> {
    const { event } = await this.eventAccess.requireMember(user, eventId);
    return this.present(await this.find(eventId, pitchSessionId), event.timeZone, user.id);
  }

  /** Organizers: the round requests go to, and the pitch and question minutes (the running order must still fit). */
  async update(user: AuthenticatedUser, eventId: string, pitchSessionId: string, dto: UpdatePitchSessionDto): Promise<PitchSessionResponse> {
    const { event } = await this.eventAccess.requireOrganizer(user, eventId);
    const pitchSession = await this.find(eventId, pitchSessionId);
    const fields = await this.roundFields(eventId, dto.consultationRoundId);
    if (fields.length > 0) throw new ValidationError(fields);
    // Read before taking the lock (see setRunningOrder); the count and the minutes are checked under it.
    const sessionTimes = await this.agendaSession(pitchSession);
    const updated = await this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, eventId, pitchSessionId);
      const pitchMinutes = dto.pitchMinutes ?? current.pitchMinutes;
      const qaMinutes = dto.qaMinutes ?? current.qaMinutes;
      const count = await manager.getRepository(PitchSlot).countBy({ pitchSessionId });
      requireFit(sessionTimes, count, pitchMinutes, qaMinutes);
      await manager.getRepository(PitchSession).update(
        { id: pitchSessionId },
        { pitchMinutes, qaMinutes, ...(dto.consultationRoundId !== undefined ? { consultationRoundId: dto.consultationRoundId } : {}) },
      );
      return manager.getRepository(PitchSession).findOneOrFail({ where: { id: pitchSessionId } });
    });
    return this.present(updated, event.timeZone, user.id);
  }

  /**
   * Organizers set the whole running order: selected applications of the call (published), in pitching order, fitting
   * in the session. Under the session's row lock; pitches left out are removed unless investors rated them or asked
   * to meet (409); the positions' unique check runs at commit, so any reordering goes through in one statement.
   * Applications already in this running order may stay in it whatever became of them since, so an order holding a
   * rated pitch never becomes impossible to change.
   */
  async setRunningOrder(user: AuthenticatedUser, eventId: string, pitchSessionId: string, dto: RunningOrderDto): Promise<PitchSessionResponse> {
    const { event } = await this.eventAccess.requireOrganizer(user, eventId);
    const pitchSession = await this.find(eventId, pitchSessionId);
    const ids = dto.applicationIds.map((id) => id.toLowerCase());
    // Read before taking the locks, so they are held only while this session's rows are written and no other pooled
    // connection is awaited while holding them. Reading these under the locks would guarantee nothing more: a pitch
    // session keeps its call and agenda session, a call's publication is never undone, published decisions are final
    // and selected startups cannot withdraw, and the locks do not cover the agenda session's times anyway (moving it
    // may make an order overrun, which responses show). What the locks protect, this order's slots and minutes, is
    // read below.
    const candidates = await this.candidates(eventId, pitchSession.callId, ids);
    const sessionTimes = await this.agendaSession(pitchSession);
    const updated = await this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, eventId, pitchSessionId);
      // Rating and "want to meet" writes hold a key-share lock on their slot until they commit; wait for them, so the
      // statements below see what they wrote.
      const pitching = await queryRows<{ applicationId: string }>(
        manager,
        'SELECT application_id AS "applicationId" FROM pitch_slots WHERE pitch_session_id = $1 FOR UPDATE',
        [pitchSessionId],
      );
      requireSelected(candidates, ids, new Set(pitching.map((slot) => slot.applicationId)));
      requireFit(sessionTimes, ids.length, current.pitchMinutes, current.qaMinutes);
      const kept = await queryRows<{ id: string }>(
        manager,
        `SELECT s.id FROM pitch_slots s
          WHERE s.pitch_session_id = $1 AND s.application_id <> ALL($2::uuid[])
            AND (EXISTS (SELECT 1 FROM pitch_ratings r WHERE r.pitch_slot_id = s.id)
                 OR EXISTS (SELECT 1 FROM pitch_interests i WHERE i.pitch_slot_id = s.id))`,
        [pitchSessionId, ids],
      );
      if (kept.length > 0) {
        throw new DomainError(ErrorCode.PitchHasRatings, `${kept.length} pitch(es) left out have investor ratings or requests; keep them in the order`, [
          { field: 'applicationIds', messages: ['pitches with ratings or "want to meet" must stay in the running order'] },
        ]);
      }
      await manager.query('DELETE FROM pitch_slots WHERE pitch_session_id = $1 AND application_id <> ALL($2::uuid[])', [pitchSessionId, ids]);
      if (ids.length > 0) {
        const placed = await queryRows<{ applicationId: string }>(
          manager,
          `INSERT INTO pitch_slots (pitch_session_id, event_id, application_id, position)
           SELECT $1, $2, o.application_id, o.position FROM unnest($3::uuid[]) WITH ORDINALITY AS o(application_id, position)
           ON CONFLICT (application_id) DO UPDATE SET position = EXCLUDED.position
            WHERE pitch_slots.pitch_session_id = EXCLUDED.pitch_session_id
           RETURNING application_id AS "applicationId"`,
          [pitchSessionId, eventId, ids],
        );
        if (placed.length < ids.length) {
          const elsewhere = ids.filter((id) => !placed.some((row) => row.applicationId === id));
          throw new DomainError(ErrorCode.AlreadyInRunningOrder, 'Some applications pitch in another session of the event', [
            { field: 'applicationIds', messages: elsewhere.map((id) => `${id} already pitches in another session`) },
          ]);
        }
      }
      return current;
    });
    return this.present(updated, event.timeZone, user.id);
  }

  /** Organizers: per pitch, how many investors asked to meet, and the ratings' count and average. */
  async interest(user: AuthenticatedUser, eventId: string, pitchSessionId: string): Promise<PitchInterestFiguresResponse[]> {
    await this.eventAccess.requireOrganizer(user, eventId);
    await this.find(eventId, pitchSessionId);
    const rows = await queryRows<{ id: string; position: number; applicationId: string; wantToMeet: number; ratingCount: number; averageRating: number | null }>(
      this.dataSource.manager,
      `SELECT s.id, s.position, s.application_id AS "applicationId",
              (SELECT count(*)::int FROM pitch_interests i WHERE i.pitch_slot_id = s.id) AS "wantToMeet",
              (SELECT count(*)::int FROM pitch_ratings r WHERE r.pitch_slot_id = s.id) AS "ratingCount",
              (SELECT round(avg(r.score), 2)::float FROM pitch_ratings r WHERE r.pitch_slot_id = s.id) AS "averageRating"
         FROM pitch_slots s WHERE s.pitch_session_id = $1 ORDER BY s.position`,
      [pitchSessionId],
    );
    const startups = await this.startups(eventId, rows.map((row) => row.applicationId));
    return rows.map((row) => ({
      pitchSlotId: row.id,
      position: row.position,
      startup: startups.get(row.applicationId)!,
      wantToMeet: row.wantToMeet,
      ratingCount: row.ratingCount,
      averageRating: row.averageRating,
    }));
  }

  private async find(eventId: string, pitchSessionId: string): Promise<PitchSession> {
    if (!isUUID(pitchSessionId)) throw new NotFoundError('Pitch session');
    const pitchSession = await this.pitchSessions.findOne({ where: { id: pitchSessionId, eventId } });
    if (!pitchSession) throw new NotFoundError('Pitch session');
    return pitchSession;
  }

  private async lock(manager: EntityManager, eventId: string, pitchSessionId: string): Promise<PitchSession> {
    const current = await manager.getRepository(PitchSession).findOne({ where: { id: pitchSessionId, eventId }, lock: { mode: 'pessimistic_write' } });
    if (!current) throw new NotFoundError('Pitch session');
    return current;
  }

  private async roundFields(eventId: string, roundId: string | null | undefined): Promise<FieldError[]> {
    if (roundId === undefined || roundId === null) return [];
    return (await this.roundCatalog.findRound(eventId, roundId)) ? [] : [{ field: 'consultationRoundId', messages: ['not a consultation round of this event'] }];
  }

  /** The session's call and the listed applications of the event, for requireSelected. */
  private async candidates(eventId: string, callId: string, ids: string[]): Promise<Candidates> {
    const call = (await this.callResults.findCall(eventId, callId))!;
    const applications = new Map((await this.callResults.applications(eventId, ids)).map((application) => [application.id, application]));
    return { call, applications };
  }

  private async agendaSession(pitchSession: PitchSession): Promise<SessionTimes> {
    const session = await this.agenda.findSession(pitchSession.eventId, pitchSession.agendaSessionId);
    if (!session) throw new NotFoundError('Pitch session');
    return session;
  }

  private async startups(eventId: string, applicationIds: string[]): Promise<Map<string, { applicationId: string; organizationId: string; name: string }>> {
    const applications = await this.callResults.applications(eventId, applicationIds);
    return new Map(
      applications.map((application) => [
        application.id,
        { applicationId: application.id, organizationId: application.organizationId, name: application.organizationName },
      ]),
    );
  }

  private async present(pitchSession: PitchSession, timeZone: string, viewerId: string): Promise<PitchSessionResponse> {
    const session = await this.agendaSession(pitchSession);
    const slots = await this.slots.find({ where: { pitchSessionId: pitchSession.id }, order: { position: 'ASC' } });
    const slotIds = slots.map((slot) => slot.id);
    const [startups, ratings, interests] = await Promise.all([
      this.startups(pitchSession.eventId, slots.map((slot) => slot.applicationId)),
      slotIds.length
        ? queryRows<{ slotId: string; score: number }>(
            this.dataSource.manager,
            'SELECT pitch_slot_id AS "slotId", score FROM pitch_ratings WHERE investor_user_id = $1 AND pitch_slot_id = ANY($2::uuid[])',
            [viewerId, slotIds],
          )
        : [],
      slotIds.length
        ? queryRows<{ slotId: string }>(
            this.dataSource.manager,
            'SELECT pitch_slot_id AS "slotId" FROM pitch_interests WHERE investor_user_id = $1 AND pitch_slot_id = ANY($2::uuid[])',
            [viewerId, slotIds],
          )
        : [],
    ]);
    const myRating = new Map(ratings.map((row) => [row.slotId, row.score]));
    const wanted = new Set(interests.map((row) => row.slotId));
    const slotResponses: PitchSlotResponse[] = slots.map((slot) => {
      const times = pitchTimes(session.startsAt, slot.position, pitchSession.pitchMinutes, pitchSession.qaMinutes);
      return {
        id: slot.id,
        position: slot.position,
        startup: startups.get(slot.applicationId)!,
        startsAt: toZonedIso(times.startsAt, timeZone),
        pitchEndsAt: toZonedIso(times.pitchEndsAt, timeZone),
        endsAt: toZonedIso(times.endsAt, timeZone),
        myRating: myRating.get(slot.id) ?? null,
        iWantToMeet: wanted.has(slot.id),
      };
    });
    return {
      id: pitchSession.id,
      eventId: pitchSession.eventId,
      agendaSessionId: pitchSession.agendaSessionId,
      title: session.titleEn ?? session.titleKo,
      callId: pitchSession.callId,
      consultationRoundId: pitchSession.consultationRoundId,
      pitchMinutes: pitchSession.pitchMinutes,
      qaMinutes: pitchSession.qaMinutes,
      startsAt: toZonedIso(session.startsAt, timeZone),
      endsAt: toZonedIso(session.endsAt, timeZone),
      overruns: !runningOrderFits(slots.length, pitchSession.pitchMinutes, pitchSession.qaMinutes, session.startsAt, session.endsAt),
      slots: slotResponses,
    };
  }
}

interface Candidates {
  call: CallSummary;
  applications: ReadonlyMap<string, ApplicationSummary>;
}

/**
 * The applications must be of the session's call, published and selected; those already pitching in this session
 * are taken as they are. Once published, decisions are final and winners cannot withdraw, but data from before that
 * rule may hold a withdrawn or unselected startup whose pitch has ratings: the ratings keep it in the order, so
 * listing it must be allowed too.
 */
function requireSelected({ call, applications }: Candidates, ids: string[], placed: ReadonlySet<string>): void {
  if (ids.length > 0 && call.resultsPublishedAt === null) {
    throw new DomainError(ErrorCode.ResultsNotPublished, 'Publish the results of the call before putting its startups in the running order');
  }
  const unknown = ids.filter((id) => applications.get(id)?.callId !== call.id);
  if (unknown.length > 0) {
    throw new ValidationError([{ field: 'applicationIds', messages: unknown.map((id) => `${id} is not an application of this session's call`) }]);
  }
  const notSelected = ids.filter((id) => !placed.has(id) && !isSelected(applications.get(id)!));
  if (notSelected.length > 0) {
    throw new DomainError(ErrorCode.ApplicationNotSelected, 'Only selected applications pitch', [
      { field: 'applicationIds', messages: notSelected.map((id) => `${id} is not selected`) },
    ]);
  }
}

function requireFit(session: SessionTimes, count: number, pitchMinutes: number, qaMinutes: number): void {
  if (!runningOrderFits(count, pitchMinutes, qaMinutes, session.startsAt, session.endsAt)) {
    const room = Math.floor((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000 / (pitchMinutes + qaMinutes));
    throw new DomainError(ErrorCode.RunningOrderTooLong, `${count} pitches of ${pitchMinutes}+${qaMinutes} minutes do not fit; the session has room for ${room}`);
  }
}
