import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, QueryFailedError, Repository } from 'typeorm';
import { RoomsService } from '../booths/rooms.service';
import { isConstraintViolation } from '../common/database-queries';
import { DomainError, FieldError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { calendarDatesToInstants } from '../common/time/calendar-dates';
import { OrganizationsService } from '../organizations/organizations.service';
import { EventAccessService } from '../events/event-access.service';
import { EventMembersService } from '../events/event-members.service';
import { EventRole } from '../events/event.enums';
import { PartyRole, SessionKind, SessionVisibility } from './agenda.enums';
import { AgendaSession } from './agenda-session.entity';
import {
  AgreementResponse,
  AgreementsAndAwardsResponse,
  AwardResponse,
  CreateSessionDto,
  ListSessionsQuery,
  ReplacePartiesDto,
  ReplaceSpeakersDto,
  SessionPartyInput,
  SessionResponse,
  SessionSpeakerInput,
  UpdateSessionDto,
} from './dto/session.dto';
import { SessionAccessService } from './session-access.service';
import { SessionParty } from './session-party.entity';
import { SessionPresenter } from './session-presenter.service';
import { resolveSessionTimes } from './session-times';

const UUID_IN_DETAIL = /\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}),/i;

/** Sessions of an event's programme, their speakers, and the MOU signatories and award winners recorded on them. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(AgendaSession) private readonly sessions: Repository<AgendaSession>,
    @InjectRepository(SessionParty) private readonly parties: Repository<SessionParty>,
    private readonly eventAccess: EventAccessService,
    private readonly eventMembers: EventMembersService,
    private readonly sessionAccess: SessionAccessService,
    private readonly presenter: SessionPresenter,
    private readonly rooms: RoomsService,
    private readonly organizationsService: OrganizationsService,
  ) {}

  /** Organizers; speakers and parties may come along and are written in the same transaction. */
  async create(user: AuthenticatedUser, eventId: string, dto: CreateSessionDto): Promise<SessionResponse> {
    const { event } = await this.eventAccess.requireOrganizer(user, eventId);
    const times = resolveSessionTimes(dto, null, event);
    const titles = requireTitle(dto.titleKo ?? null, dto.titleEn ?? null);
    const roomId = dto.roomId ?? null;
    if (roomId) await this.requireRoom(eventId, roomId);
    const speakers = dto.speakers ?? [];
    const parties = dto.parties ?? [];
    await this.checkSpeakers(user, eventId, speakers);
    checkParties(parties);
    const session = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(AgendaSession);
      const draft = repository.create({
        eventId,
        ...titles,
        kind: dto.kind,
        roomId,
        ...times,
        description: dto.description ?? null,
        track: dto.track ?? null,
        visibility: dto.visibility ?? SessionVisibility.Public,
        capacity: dto.capacity ?? null,
        registeredCount: 0,
        waitlistEnabled: dto.waitlistEnabled ?? false,
      });
      const created = await mapSessionWriteErrors(() => repository.save(draft), ['roomId']);
      await writeSpeakers(manager, created.id, speakers);
      await writeParties(manager, created.id, parties);
      return created;
    });
    return this.presenter.one(session, event.timeZone, user.id);
  }

  /** Anyone who may see the event; each caller gets only the sessions they may see. */
  async list(user: AuthenticatedUser | undefined, eventId: string, query: ListSessionsQuery): Promise<SessionResponse[]> {
    const { event, roles } = await this.eventAccess.requireVisible(user, eventId);
    const builder = this.sessions
      .createQueryBuilder('session')
      .where('session.eventId = :eventId', { eventId })
      .orderBy('session.startsAt', 'ASC')
      .addOrderBy('session.endsAt', 'ASC')
      .addOrderBy('session.id', 'ASC');
    if (!roles.includes(EventRole.Organizer)) {
      // The SQL twin of canSeeSession: public, members (for members), or taking part.
      builder.andWhere(
        new Brackets((where) => {
          where.where('session.visibility = :public', { public: SessionVisibility.Public });
          if (roles.length > 0) where.orWhere('session.visibility = :members', { members: SessionVisibility.Members });
          if (user) {
            where
              .orWhere('EXISTS (SELECT 1 FROM session_speakers sp WHERE sp.session_id = session.id AND sp.user_id = :viewerId)', {
                viewerId: user.id,
              })
              .orWhere('EXISTS (SELECT 1 FROM session_registrations r WHERE r.session_id = session.id AND r.user_id = :viewerId)');
          }
        }),
      );
    }
    if (query.day) {
      // Sessions running at any moment of that day in the event zone, including ones crossing midnight.
      const day = calendarDatesToInstants(query.day, query.day, event.timeZone);
      builder.andWhere('session.startsAt < :dayEnd AND session.endsAt > :dayStart', { dayStart: day.startsAt, dayEnd: day.endsAt });
    }
    if (query.track !== undefined) builder.andWhere('session.track = :track', { track: query.track });
    if (query.kind) builder.andWhere('session.kind = :kind', { kind: query.kind });
    return this.presenter.many(await builder.getMany(), () => event.timeZone, user?.id);
  }

  async get(user: AuthenticatedUser | undefined, eventId: string, sessionId: string): Promise<SessionResponse> {
    const { event, session } = await this.sessionAccess.requireVisibleSession(user, eventId, sessionId);
    return this.presenter.one(session, event.timeZone, user?.id);
  }

  /**
   * Organizers. Moving a session moves its speakers' copies of the times with it (ON UPDATE CASCADE), so the
   * database re-checks both the room and every speaker against their other sessions.
   */
  async update(user: AuthenticatedUser, eventId: string, sessionId: string, dto: UpdateSessionDto): Promise<SessionResponse> {
    const { event } = await this.eventAccess.requireOrganizer(user, eventId);
    // Before the transaction, which then holds one connection only; the room's foreign key catches a room removed since.
    if (dto.roomId) await this.requireRoom(eventId, dto.roomId);
    const session = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(AgendaSession);
      // Locked so that two partial updates (one moving the start, one the end) cannot combine into a bad range.
      const current = await repository.findOne({ where: { id: sessionId, eventId }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw new NotFoundError('Session');
      const times = resolveSessionTimes(dto, current, event);
      const titles = requireTitle(
        dto.titleKo === undefined ? current.titleKo : dto.titleKo,
        dto.titleEn === undefined ? current.titleEn : dto.titleEn,
      );
      const changes: Partial<AgendaSession> = {
        ...titles,
        ...times,
        ...(dto.kind !== undefined ? { kind: dto.kind } : {}),
        ...(dto.roomId !== undefined ? { roomId: dto.roomId } : {}),
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        ...(dto.track !== undefined ? { track: dto.track } : {}),
        ...(dto.visibility !== undefined ? { visibility: dto.visibility } : {}),
        ...(dto.capacity !== undefined ? { capacity: dto.capacity } : {}),
        ...(dto.waitlistEnabled !== undefined ? { waitlistEnabled: dto.waitlistEnabled } : {}),
      };
      const movedFields = (['roomId', 'startsAt', 'endsAt'] as const).filter((field) => dto[field] !== undefined);
      await mapSessionWriteErrors(() => repository.update({ id: sessionId }, changes), movedFields, current.registeredCount);
      return repository.findOneOrFail({ where: { id: sessionId } });
    });
    return this.presenter.one(session, event.timeZone, user.id);
  }

  /** Organizers. Speakers, registrations and parties go with the session (ON DELETE CASCADE), in one statement. */
  async remove(user: AuthenticatedUser, eventId: string, sessionId: string): Promise<void> {
    await this.eventAccess.requireOrganizer(user, eventId);
    const result = await this.sessions.delete({ id: sessionId, eventId });
    if (!result.affected) throw new NotFoundError('Session');
  }

  /** Organizers: replaces the whole list in one transaction; a speaker busy elsewhere at that time is a 409. */
  async replaceSpeakers(user: AuthenticatedUser, eventId: string, sessionId: string, dto: ReplaceSpeakersDto): Promise<SessionResponse> {
    const { event } = await this.sessionAccess.requireOrganizerSession(user, eventId, sessionId);
    await this.checkSpeakers(user, eventId, dto.speakers);
    const session = await this.dataSource.transaction(async (manager) => {
      const locked = await lockSession(manager, eventId, sessionId);
      await writeSpeakers(manager, sessionId, dto.speakers);
      return locked;
    });
    return this.presenter.one(session, event.timeZone, user.id);
  }

  /** Organizers: replaces the MOU signatories and award winners in one transaction. */
  async replaceParties(user: AuthenticatedUser, eventId: string, sessionId: string, dto: ReplacePartiesDto): Promise<SessionResponse> {
    const { event } = await this.sessionAccess.requireOrganizerSession(user, eventId, sessionId);
    checkParties(dto.parties);
    const session = await this.dataSource.transaction(async (manager) => {
      const locked = await lockSession(manager, eventId, sessionId);
      await writeParties(manager, sessionId, dto.parties);
      return locked;
    });
    return this.presenter.one(session, event.timeZone, user.id);
  }

  /** Organizers: the MOUs signed and the awards given at the event, in time order. */
  async agreementsAndAwards(user: AuthenticatedUser, eventId: string): Promise<AgreementsAndAwardsResponse> {
    const { event } = await this.eventAccess.requireOrganizer(user, eventId);
    const sessions = await this.sessions
      .createQueryBuilder('session')
      .where('session.eventId = :eventId', { eventId })
      .andWhere(
        new Brackets((where) =>
          where
            .where('session.kind IN (:...kinds)', { kinds: [SessionKind.MouSigning, SessionKind.AwardCeremony] })
            .orWhere('EXISTS (SELECT 1 FROM session_parties p WHERE p.session_id = session.id)'),
        ),
      )
      .orderBy('session.startsAt', 'ASC')
      .addOrderBy('session.id', 'ASC')
      .getMany();
    const parties = sessions.length
      ? await this.parties.find({ where: { sessionId: In(sessions.map((session) => session.id)) }, order: { sortOrder: 'ASC' } })
      : [];
    const organizationNames = await this.organizationsService.namesByIds([
      ...new Set(parties.flatMap((party) => (party.organizationId ? [party.organizationId] : []))),
    ]);
    const partiesOf = (session: AgendaSession): SessionParty[] => parties.filter((party) => party.sessionId === session.id);
    const has = (session: AgendaSession, role: PartyRole): boolean => partiesOf(session).some((party) => party.role === role);
    return {
      agreements: sessions
        .filter((session) => session.kind === SessionKind.MouSigning || has(session, PartyRole.Signatory))
        .map((session) => AgreementResponse.from(session, event.timeZone, partiesOf(session), organizationNames)),
      awards: sessions
        .filter((session) => session.kind === SessionKind.AwardCeremony || has(session, PartyRole.AwardWinner))
        .map((session) => AwardResponse.from(session, event.timeZone, partiesOf(session), organizationNames)),
    };
  }

  private async requireRoom(eventId: string, roomId: string): Promise<void> {
    if (!(await this.rooms.findRoom(eventId, roomId))) throw unknownRoom();
  }

  /** Each speaker is a member of the event or a named guest, and nobody is listed twice. */
  private async checkSpeakers(user: AuthenticatedUser, eventId: string, speakers: SessionSpeakerInput[]): Promise<void> {
    const members = speakers.some((speaker) => speaker.userId)
      ? new Set((await this.eventMembers.list(user, eventId)).map((member) => member.userId))
      : new Set<string>();
    const seen = new Set<string>();
    const fields: FieldError[] = [];
    speakers.forEach((speaker, index) => {
      const userId = speaker.userId ?? null;
      if (isMissing(userId) === isMissing(speaker.guestName)) {
        fields.push({ field: `speakers.${index}`, messages: ['give either userId (a member) or guestName, not both'] });
      } else if (userId !== null && !members.has(userId)) {
        fields.push({ field: `speakers.${index}.userId`, messages: ['userId must be a member of the event'] });
      } else if (userId !== null && seen.has(userId)) {
        fields.push({ field: `speakers.${index}.userId`, messages: ['this person is already listed'] });
      }
      if (userId !== null) seen.add(userId);
    });
    if (fields.length > 0) throw new ValidationError(fields);
  }
}

function isMissing(value: unknown): boolean {
  return value === null || value === undefined;
}

function requireTitle(titleKo: string | null, titleEn: string | null): { titleKo: string | null; titleEn: string | null } {
  if (titleKo === null && titleEn === null) {
    throw new ValidationError([
      { field: 'titleKo', messages: ['give titleKo or titleEn'] },
      { field: 'titleEn', messages: ['give titleKo or titleEn'] },
    ]);
  }
  return { titleKo, titleEn };
}

/** A signatory or winner is either an organization or a named party; winners carry the award's title. */
function checkParties(parties: SessionPartyInput[]): void {
  const fields: FieldError[] = [];
  parties.forEach((party, index) => {
    if (isMissing(party.organizationId) === isMissing(party.name)) {
      fields.push({ field: `parties.${index}`, messages: ['give either organizationId or name, not both'] });
    }
    const hasAwardTitle = !isMissing(party.awardTitle);
    if (party.role === PartyRole.AwardWinner && !hasAwardTitle) {
      fields.push({ field: `parties.${index}.awardTitle`, messages: ['awardTitle is required for an award winner'] });
    }
    if (party.role === PartyRole.Signatory && hasAwardTitle) {
      fields.push({ field: `parties.${index}.awardTitle`, messages: ['awardTitle is only for award winners'] });
    }
  });
  if (fields.length > 0) throw new ValidationError(fields);
}

/** Locks the session row against a concurrent move or delete while its speakers or parties are rewritten. */
async function lockSession(manager: EntityManager, eventId: string, sessionId: string): Promise<AgendaSession> {
  const session = await manager
    .getRepository(AgendaSession)
    .findOne({ where: { id: sessionId, eventId }, lock: { mode: 'pessimistic_write' } });
  if (!session) throw new NotFoundError('Session');
  return session;
}

/**
 * Replaces the speakers. Each row copies the session's times from the session row itself (so the composite foreign
 * key matches exactly); one row at a time, so a clash names the speaker at fault.
 */
async function writeSpeakers(manager: EntityManager, sessionId: string, speakers: SessionSpeakerInput[]): Promise<void> {
  await manager.query('DELETE FROM session_speakers WHERE session_id = $1', [sessionId]);
  for (const [index, speaker] of speakers.entries()) {
    try {
      await manager.query(
        `INSERT INTO session_speakers (session_id, starts_at, ends_at, user_id, guest_name, affiliation, sort_order)
         SELECT id, starts_at, ends_at, $2, $3, $4, $5 FROM agenda_sessions WHERE id = $1`,
        [sessionId, speaker.userId ?? null, speaker.guestName ?? null, speaker.affiliation ?? null, index],
      );
    } catch (error) {
      const field = `speakers.${index}.userId`;
      if (isConstraintViolation(error, 'session_speakers_no_overlap')) {
        throw new DomainError(ErrorCode.SpeakerDoubleBooked, 'This speaker speaks at another session at that time', [
          { field, messages: ['this speaker is in another session that overlaps this one'] },
        ]);
      }
      if (isConstraintViolation(error, 'session_speakers_user_fk')) throw new ValidationError([{ field, messages: ['no such person'] }]);
      throw error;
    }
  }
}

/** Replaces the parties, one row at a time so an unknown organization is named by its place in the list. */
async function writeParties(manager: EntityManager, sessionId: string, parties: SessionPartyInput[]): Promise<void> {
  await manager.query('DELETE FROM session_parties WHERE session_id = $1', [sessionId]);
  for (const [index, party] of parties.entries()) {
    try {
      await manager.query(
        `INSERT INTO session_parties (session_id, role, organization_id, name, country, award_title, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [sessionId, party.role, party.organizationId ?? null, party.name ?? null, party.country ?? null, party.awardTitle ?? null, index],
      );
    } catch (error) {
      if (isConstraintViolation(error, 'session_parties_organization_fk')) {
        throw new ValidationError([{ field: `parties.${index}.organizationId`, messages: ['no such organization'] }]);
      }
      throw error;
    }
  }
}

/** Runs an insert or update of a session row and turns the database's refusals into answers naming the fields. */
async function mapSessionWriteErrors<T>(write: () => Promise<T>, movedFields: readonly string[], registeredCount = 0): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const fields = (messages: string[]): FieldError[] => movedFields.map((field) => ({ field, messages }));
    if (isConstraintViolation(error, 'agenda_sessions_room_no_overlap')) {
      throw new DomainError(ErrorCode.RoomDoubleBooked, 'The room holds another session at that time', fields(['the room is taken at that time']));
    }
    if (isConstraintViolation(error, 'session_speakers_no_overlap')) {
      const userId = UUID_IN_DETAIL.exec(detailOf(error))?.[1];
      throw new DomainError(
        ErrorCode.SpeakerDoubleBooked,
        `A speaker of this session${userId ? ` (user ${userId})` : ''} speaks at another session at the new time`,
        fields(['a speaker of this session is in another session at that time']),
      );
    }
    if (isConstraintViolation(error, 'agenda_sessions_room_fk')) throw unknownRoom();
    if (isConstraintViolation(error, 'agenda_sessions_capacity')) {
      throw new ValidationError([{ field: 'capacity', messages: [`capacity cannot be below the ${registeredCount} seats already taken`] }]);
    }
    throw error;
  }
}

function detailOf(error: unknown): string {
  return error instanceof QueryFailedError ? ((error.driverError as { detail?: string }).detail ?? '') : '';
}

function unknownRoom(): ValidationError {
  return new ValidationError([{ field: 'roomId', messages: ['roomId must be a room of this event'] }]);
}
