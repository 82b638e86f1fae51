import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isConstraintViolation, queryRows } from '../common/database-queries';
import { DomainError, FieldError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventAccess, EventAccessService } from '../events/event-access.service';
import { EventRole } from '../events/event.enums';
import { OrganizationsService } from '../organizations/organizations.service';
import { UsersService } from '../users/users.service';
import { ParticipantSide } from './consultation.enums';
import { ConsultationProgramme } from './consultation-programme.entity';
import {
  AddParticipantDto,
  CreateProgrammeDto,
  ParticipantResponse,
  ProgrammeFacts,
  ProgrammeResponse,
  UpdateProgrammeDto,
} from './dto/programme.dto';
import { ProgrammeParticipant } from './programme-participant.entity';
import { RoundCatalog, RoundDetails } from './round-catalog.service';

/** A programme as the caller may see it. */
export interface ProgrammeAccess extends EventAccess {
  programme: ConsultationProgramme;
  isOrganizer: boolean;
  /** The caller's own participation; null for an organizer who does not take part. */
  participant: ProgrammeParticipant | null;
}

/** A round as the caller may see it, with its windows, locations and slot grid. */
export interface RoundAccess extends EventAccess {
  details: RoundDetails;
  isOrganizer: boolean;
  participant: ProgrammeParticipant | null;
}

/** Which event roles may take which side of a programme. */
const ROLES_FOR_SIDE: Record<ParticipantSide, EventRole[]> = {
  [ParticipantSide.Host]: [EventRole.Investor, EventRole.Expert],
  [ParticipantSide.Guest]: [EventRole.Startup],
};

/**
 * Consultation programmes of an event and the people taking part (hosts: investors and experts; guests: startups),
 * and the access rules the rest of the module reads rounds by: organizers manage, participants read, and everyone
 * else (other members, non-members, organizers of other events) gets the same 404 as for something that does not exist.
 */
@Injectable()
export class ProgrammesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ConsultationProgramme) private readonly programmes: Repository<ConsultationProgramme>,
    @InjectRepository(ProgrammeParticipant) private readonly participants: Repository<ProgrammeParticipant>,
    private readonly eventAccess: EventAccessService,
    private readonly catalog: RoundCatalog,
    private readonly usersService: UsersService,
    private readonly organizationsService: OrganizationsService,
  ) {}

  async create(user: AuthenticatedUser, eventId: string, dto: CreateProgrammeDto): Promise<ProgrammeResponse> {
    await this.eventAccess.requireOrganizer(user, eventId);
    const programme = await this.programmes.save(this.programmes.create({ eventId, name: dto.name, description: dto.description ?? null }));
    return ProgrammeResponse.from(programme, { hostCount: 0, guestCount: 0, roundCount: 0, mySide: null });
  }

  /** Members: organizers see every programme of the event, others those they take part in. */
  async list(user: AuthenticatedUser, eventId: string): Promise<ProgrammeResponse[]> {
    const { roles } = await this.eventAccess.requireMember(user, eventId);
    const builder = this.programmes
      .createQueryBuilder('programme')
      .where('programme.eventId = :eventId', { eventId })
      .orderBy('programme.createdAt', 'ASC')
      .addOrderBy('programme.id', 'ASC');
    if (!roles.includes(EventRole.Organizer)) {
      builder.andWhere('EXISTS (SELECT 1 FROM programme_participants pp WHERE pp.programme_id = programme.id AND pp.user_id = :userId)', {
        userId: user.id,
      });
    }
    return this.present(await builder.getMany(), user.id);
  }

  async get(user: AuthenticatedUser, eventId: string, programmeId: string): Promise<ProgrammeResponse> {
    const { programme } = await this.readableProgramme(user, eventId, programmeId);
    return (await this.present([programme], user.id))[0];
  }

  async update(user: AuthenticatedUser, eventId: string, programmeId: string, dto: UpdateProgrammeDto): Promise<ProgrammeResponse> {
    await this.organizedProgramme(user, eventId, programmeId);
    const changes: Partial<ConsultationProgramme> = {
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.description !== undefined ? { description: dto.description } : {}),
    };
    if (Object.keys(changes).length > 0) await this.programmes.update({ id: programmeId }, changes);
    return (await this.present([await this.programmes.findOneOrFail({ where: { id: programmeId } })], user.id))[0];
  }

  /**
   * Organizers. Rounds, participants, requests and availability go with the programme; a programme that has meetings
   * (even cancelled ones, which carry history) is kept: 409.
   */
  async remove(user: AuthenticatedUser, eventId: string, programmeId: string): Promise<void> {
    await this.organizedProgramme(user, eventId, programmeId);
    await this.dataSource.transaction(async (manager) => {
      if (!(await lockProgramme(manager, eventId, programmeId))) throw new NotFoundError('Programme');
      // Locking the rounds waits for bookings in flight (their insert holds the round FOR KEY SHARE).
      await manager.query('SELECT id FROM consultation_rounds WHERE programme_id = $1 ORDER BY id FOR UPDATE', [programmeId]);
      const [{ meetings }]: Array<{ meetings: boolean }> = await manager.query(
        `SELECT EXISTS (SELECT 1 FROM meetings m JOIN consultation_rounds r ON r.id = m.round_id WHERE r.programme_id = $1) AS meetings`,
        [programmeId],
      );
      if (meetings) throw new DomainError(ErrorCode.ProgrammeHasMeetings, 'Meetings were booked in this programme; it cannot be deleted');
      // Rounds point at earlier rounds (ON DELETE RESTRICT); unhook them before they all go.
      await manager.query(
        `UPDATE consultation_rounds SET eligibility = 'open', eligibility_source_round_id = NULL
         WHERE programme_id = $1 AND eligibility_source_round_id IS NOT NULL`,
        [programmeId],
      );
      await manager.query('DELETE FROM consultation_programmes WHERE id = $1', [programmeId]);
    });
  }

  /**
   * Organizers. A host must be an investor or expert of the event, a guest a startup; the organization, if given,
   * must be one the person belongs to.
   */
  async addParticipant(user: AuthenticatedUser, eventId: string, programmeId: string, dto: AddParticipantDto): Promise<ParticipantResponse> {
    await this.organizedProgramme(user, eventId, programmeId);
    const fields: FieldError[] = [];
    const allowed = ROLES_FOR_SIDE[dto.side];
    const roles = await Promise.all(allowed.map((role) => this.eventAccess.personHasRole(dto.userId, eventId, role)));
    if (!roles.some(Boolean)) {
      fields.push({
        field: 'userId',
        messages: [`a ${dto.side} must be a member of the event with the ${allowed.join(' or ')} role`],
      });
    }
    const organizationId = dto.organizationId ?? null;
    if (organizationId !== null && !(await this.organizationsService.isMember(dto.userId, organizationId))) {
      fields.push({ field: 'organizationId', messages: ['organizationId must be an organization this person belongs to'] });
    }
    if (fields.length > 0) throw new ValidationError(fields);
    let participant: ProgrammeParticipant;
    try {
      // insert, not save: save would quietly update someone already taking part.
      await this.participants.insert({ programmeId, userId: dto.userId, side: dto.side, organizationId, expertise: dto.expertise ?? null, videoLink: null });
      participant = await this.participants.findOneOrFail({ where: { programmeId, userId: dto.userId } });
    } catch (error) {
      if (isConstraintViolation(error, 'programme_participants_pkey')) {
        throw new DomainError(ErrorCode.AlreadyParticipant, 'This person already takes part in the programme', [
          { field: 'userId', messages: ['already a participant of this programme'] },
        ]);
      }
      if (isConstraintViolation(error, 'programme_participants_programme_fk')) throw new NotFoundError('Programme');
      if (isConstraintViolation(error, 'programme_participants_organization_fk')) {
        throw new ValidationError([{ field: 'organizationId', messages: ['no such organization'] }]);
      }
      throw error;
    }
    return (await this.presentParticipants([participant], user, true))[0];
  }

  /** Organizers and participants: hosts first, then guests, each in the order they joined. */
  async listParticipants(user: AuthenticatedUser, eventId: string, programmeId: string): Promise<ParticipantResponse[]> {
    const { isOrganizer } = await this.readableProgramme(user, eventId, programmeId);
    const participants = await this.participants.find({ where: { programmeId }, order: { side: 'ASC', createdAt: 'ASC', userId: 'ASC' } });
    return this.presentParticipants(participants, user, isOrganizer);
  }

  /**
   * Organizers. Someone with meetings in the programme that are not cancelled stays (409); otherwise their closed
   * slots go, and locations kept for them are freed.
   *
   * Bookings hold both people's participant rows FOR KEY SHARE from their insert to their commit. The row is first
   * taken FOR UPDATE, which waits for any such booking; the DELETE, a statement of its own and so reading what those
   * bookings committed, then removes the person only if no meeting holds them, in one statement. (A DELETE alone would
   * wait for the booking too, but then delete without looking again.) A booking that comes after finds the row gone.
   */
  async removeParticipant(user: AuthenticatedUser, eventId: string, programmeId: string, participantUserId: string): Promise<void> {
    await this.organizedProgramme(user, eventId, programmeId);
    await this.dataSource.transaction(async (manager) => {
      const locked: unknown[] = await manager.query(
        'SELECT 1 FROM programme_participants WHERE programme_id = $1 AND user_id = $2 FOR UPDATE',
        [programmeId, participantUserId],
      );
      if (locked.length === 0) throw new NotFoundError('Participant');
      const removed = await queryRows<{ userId: string }>(
        manager,
        `DELETE FROM programme_participants p
          WHERE p.programme_id = $1 AND p.user_id = $2
            AND NOT EXISTS (
              SELECT 1 FROM meetings m JOIN consultation_rounds r ON r.id = m.round_id
               WHERE r.programme_id = $1 AND (m.host_user_id = $2 OR m.guest_user_id = $2) AND m.status <> 'cancelled'
            )
          RETURNING p.user_id AS "userId"`,
        [programmeId, participantUserId],
      );
      if (removed.length === 0) {
        throw new DomainError(ErrorCode.ParticipantHasMeetings, 'This person has meetings in the programme; cancel them first');
      }
      const rounds = 'SELECT id FROM consultation_rounds WHERE programme_id = $1';
      await manager.query(`DELETE FROM unavailable_slots WHERE round_id IN (${rounds}) AND user_id = $2`, [programmeId, participantUserId]);
      await manager.query(`UPDATE round_locations SET host_user_id = NULL WHERE round_id IN (${rounds}) AND host_user_id = $2`, [
        programmeId,
        participantUserId,
      ]);
    });
  }

  /** For read routes: organizers and participants of the programme; anyone else 404. */
  async readableProgramme(user: AuthenticatedUser, eventId: string, programmeId: string): Promise<ProgrammeAccess> {
    const access = await this.eventAccess.requireMember(user, eventId);
    const programme = await this.programmes.findOne({ where: { id: programmeId, eventId } });
    if (!programme) throw new NotFoundError('Programme');
    const isOrganizer = access.roles.includes(EventRole.Organizer);
    const participant = await this.catalog.participant(programmeId, user.id);
    if (!isOrganizer && !participant) throw new NotFoundError('Programme');
    return { ...access, programme, isOrganizer, participant };
  }

  /** For organizer routes: non-members 404, members without the organizer role 403, another event's programme 404. */
  async organizedProgramme(user: AuthenticatedUser, eventId: string, programmeId: string): Promise<ProgrammeAccess> {
    const access = await this.eventAccess.requireOrganizer(user, eventId);
    const programme = await this.programmes.findOne({ where: { id: programmeId, eventId } });
    if (!programme) throw new NotFoundError('Programme');
    return { ...access, programme, isOrganizer: true, participant: await this.catalog.participant(programmeId, user.id) };
  }

  /** For read routes on a round: organizers and participants of its programme; anyone else 404. */
  async readableRound(user: AuthenticatedUser, eventId: string, roundId: string): Promise<RoundAccess> {
    const access = await this.eventAccess.requireMember(user, eventId);
    const details = await this.catalog.findRound(eventId, roundId);
    if (!details) throw new NotFoundError('Round');
    const isOrganizer = access.roles.includes(EventRole.Organizer);
    const participant = await this.catalog.participant(details.round.programmeId, user.id);
    if (!isOrganizer && !participant) throw new NotFoundError('Round');
    return { ...access, details, isOrganizer, participant };
  }

  /** For organizer routes on a round: non-members 404, members without the organizer role 403, another event's round 404. */
  async organizedRound(user: AuthenticatedUser, eventId: string, roundId: string): Promise<RoundAccess> {
    const access = await this.eventAccess.requireOrganizer(user, eventId);
    const details = await this.catalog.findRound(eventId, roundId);
    if (!details) throw new NotFoundError('Round');
    return { ...access, details, isOrganizer: true, participant: await this.catalog.participant(details.round.programmeId, user.id) };
  }

  /** For a participant's own settings in a round: participants; an organizer who does not take part 403; others 404. */
  async participantRound(user: AuthenticatedUser, eventId: string, roundId: string): Promise<RoundAccess & { participant: ProgrammeParticipant }> {
    const access = await this.readableRound(user, eventId, roundId);
    const participant = access.participant;
    if (!participant) throw new DomainError(ErrorCode.NotProgrammeParticipant, 'Only hosts and guests of the programme have their own slots');
    return { ...access, participant };
  }

  private async present(programmes: ConsultationProgramme[], viewerId: string): Promise<ProgrammeResponse[]> {
    if (programmes.length === 0) return [];
    const rows: Array<ProgrammeFacts & { id: string }> = await this.dataSource.query(
      `SELECT p.id,
              (SELECT count(*)::int FROM programme_participants pp WHERE pp.programme_id = p.id AND pp.side = 'host') AS "hostCount",
              (SELECT count(*)::int FROM programme_participants pp WHERE pp.programme_id = p.id AND pp.side = 'guest') AS "guestCount",
              (SELECT count(*)::int FROM consultation_rounds r WHERE r.programme_id = p.id) AS "roundCount",
              (SELECT pp.side::text FROM programme_participants pp WHERE pp.programme_id = p.id AND pp.user_id = $2) AS "mySide"
       FROM consultation_programmes p WHERE p.id = ANY($1::uuid[])`,
      [programmes.map((programme) => programme.id), viewerId],
    );
    const facts = new Map(rows.map((row) => [row.id, row]));
    return programmes.map((programme) => ProgrammeResponse.from(programme, facts.get(programme.id)!));
  }

  private async presentParticipants(participants: ProgrammeParticipant[], viewer: AuthenticatedUser, isOrganizer: boolean): Promise<ParticipantResponse[]> {
    const [people, organizationNames] = await Promise.all([
      this.usersService.findByIds(participants.map((participant) => participant.userId)),
      this.organizationsService.namesByIds([...new Set(participants.flatMap((participant) => (participant.organizationId ? [participant.organizationId] : [])))]),
    ]);
    return participants.map((participant) =>
      ParticipantResponse.from(
        participant,
        people.get(participant.userId)?.name ?? '',
        participant.organizationId ? (organizationNames.get(participant.organizationId) ?? null) : null,
        isOrganizer || participant.userId === viewer.id,
      ),
    );
  }
}

/**
 * Locks a programme row for the rest of the transaction: every change to its rounds (positions, eligibility sources)
 * takes this lock first, so they run one after another. False if the programme is not the event's (or is gone).
 */
export async function lockProgramme(manager: EntityManager, eventId: string, programmeId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query('SELECT id FROM consultation_programmes WHERE id = $1 AND event_id = $2 FOR UPDATE', [
    programmeId,
    eventId,
  ]);
  return rows.length > 0;
}
