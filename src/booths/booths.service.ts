import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { isConstraintViolation, queryRows } from '../common/database-queries';
import { DomainError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventAccessService } from '../events/event-access.service';
import { EventRole } from '../events/event.enums';
import { OrganizationsService } from '../organizations/organizations.service';
import { Booth } from './booth.entity';
import { boothCodeRangeProblems, expandBoothCodes } from './booth-codes';
import { BoothStatus } from './booth.enums';
import { RELEASED_BOOTH } from './booth-sql';
import {
  AssignBoothDto,
  BoothResponse,
  CreateBoothBatchDto,
  CreateBoothDto,
  ListBoothsQuery,
  UpdateBoothDto,
  UpdateBoothProfileDto,
} from './dto/booth.dto';

const DEFAULT_DIGITS = 2;

@Injectable()
export class BoothsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Booth) private readonly booths: Repository<Booth>,
    private readonly eventAccess: EventAccessService,
    private readonly organizationsService: OrganizationsService,
  ) {}

  async create(user: AuthenticatedUser, eventId: string, dto: CreateBoothDto): Promise<BoothResponse> {
    await this.eventAccess.requireOrganizer(user, eventId);
    const [booth] = await this.insertAll(eventId, dto.pavilionId, [dto.code], dto.boothType ?? null, dto.status ?? BoothStatus.Available, 'code');
    return BoothResponse.from(booth);
  }

  /** E.g. C-01 to C-20 in one statement: if any code is taken, none is created. */
  async createBatch(user: AuthenticatedUser, eventId: string, dto: CreateBoothBatchDto): Promise<BoothResponse[]> {
    await this.eventAccess.requireOrganizer(user, eventId);
    const range = { prefix: dto.prefix, from: dto.from, to: dto.to, digits: dto.digits ?? DEFAULT_DIGITS };
    const problems = boothCodeRangeProblems(range);
    if (problems.length > 0) throw new ValidationError(problems);
    const booths = await this.insertAll(eventId, dto.pavilionId, expandBoothCodes(range), dto.boothType ?? null, BoothStatus.Available, 'prefix');
    return booths.map((booth) => BoothResponse.from(booth));
  }

  async list(user: AuthenticatedUser, eventId: string, query: ListBoothsQuery): Promise<BoothResponse[]> {
    await this.eventAccess.requireOrganizer(user, eventId);
    const booths = await this.booths.find({
      where: { eventId, ...(query.pavilionId ? { pavilionId: query.pavilionId } : {}), ...(query.status ? { status: query.status } : {}) },
      order: { code: 'ASC' },
    });
    return booths.map((booth) => BoothResponse.from(booth));
  }

  /** Organizers, and members of the exhibiting organization; 404 for everyone else. */
  async get(user: AuthenticatedUser, eventId: string, boothId: string): Promise<BoothResponse> {
    return BoothResponse.from(await this.requireEditableBooth(user, eventId, boothId));
  }

  /** Code, type, pavilion and hand-set status. An assigned booth cannot be put on hold or made available. */
  async update(user: AuthenticatedUser, eventId: string, boothId: string, dto: UpdateBoothDto): Promise<BoothResponse> {
    await this.eventAccess.requireOrganizer(user, eventId);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const booth = await manager.getRepository(Booth).findOne({ where: { id: boothId, eventId } });
        if (!booth) throw new NotFoundError('Booth');
        if (dto.pavilionId !== undefined) await lockPavilionOfEvent(manager, eventId, dto.pavilionId);
        // Only the fields sent are written (never the exhibitor columns), so a concurrent assignment stays intact;
        // a status change racing an assignment fails on booths_assigned_has_exhibitor instead.
        if (Object.keys(dto).length > 0) await manager.getRepository(Booth).update({ id: boothId, eventId }, { ...dto });
        return BoothResponse.from(await manager.getRepository(Booth).findOneOrFail({ where: { id: boothId, eventId } }));
      });
    } catch (error) {
      if (isConstraintViolation(error, 'booths_code_unique')) throw codesTaken([dto.code ?? ''], 'code');
      if (isConstraintViolation(error, 'booths_assigned_has_exhibitor')) {
        throw new DomainError(ErrorCode.BoothAssigned, 'The booth has an exhibitor: unassign it before changing its status');
      }
      throw error;
    }
  }

  /** Only a booth without an exhibitor can go (one conditional statement). */
  async remove(user: AuthenticatedUser, eventId: string, boothId: string): Promise<void> {
    await this.eventAccess.requireOrganizer(user, eventId);
    const deleted = await queryRows(
      this.dataSource.manager,
      'DELETE FROM booths WHERE id = $1 AND event_id = $2 AND application_id IS NULL RETURNING id',
      [boothId, eventId],
    );
    if (deleted.length > 0) return;
    if (!(await this.booths.exists({ where: { id: boothId, eventId } }))) throw new NotFoundError('Booth');
    throw new DomainError(ErrorCode.BoothAssigned, 'The booth has an exhibitor: unassign it first');
  }

  /**
   * Gives the booth to an accepted application. The database keeps both rules, also under concurrent requests:
   * the application's counter may not pass its allowance (CHECK exhibitor_applications_booth_allowance, the row
   * lock orders rivals) and the booth is taken only while it has no exhibitor (conditional UPDATE). Locks are taken
   * application first, then booth, as everywhere else here, so two requests cannot deadlock.
   */
  async assign(user: AuthenticatedUser, eventId: string, boothId: string, dto: AssignBoothDto): Promise<BoothResponse> {
    await this.eventAccess.requireOrganizer(user, eventId);
    try {
      return await this.assignOnce(eventId, boothId, dto);
    } catch (error) {
      // PUT is idempotent: repeating an assignment that already holds (a client's retry) answers it, changing nothing.
      if (error instanceof DomainError && (error.code === ErrorCode.BoothTaken || error.code === ErrorCode.BoothAllowanceReached)) {
        const booth = await this.booths.findOne({ where: { id: boothId, eventId } });
        if (booth?.applicationId && booth.applicationId === dto.applicationId.toLowerCase()) return BoothResponse.from(booth);
      }
      throw error;
    }
  }

  private assignOnce(eventId: string, boothId: string, dto: AssignBoothDto): Promise<BoothResponse> {
    return this.dataSource.transaction(async (manager) => {
      // Only to answer 404 before any problem with the application; nothing is decided on this read.
      if (!(await manager.getRepository(Booth).exists({ where: { id: boothId, eventId } }))) throw new NotFoundError('Booth');
      let counted: Array<{ id: string; organization_id: string }>;
      try {
        counted = await queryRows(
          manager,
          `UPDATE exhibitor_applications SET assigned_booth_count = assigned_booth_count + 1, updated_at = now()
            WHERE id = $1 AND event_id = $2 AND status = 'accepted' RETURNING id, organization_id`,
          [dto.applicationId, eventId],
        );
      } catch (error) {
        if (isConstraintViolation(error, 'exhibitor_applications_booth_allowance')) {
          throw new DomainError(ErrorCode.BoothAllowanceReached, 'The exhibitor already has all the booths it is allowed; raise its allowance in a decision first');
        }
        throw error;
      }
      if (counted.length === 0) await explainUnassignable(manager, eventId, dto.applicationId);
      const taken = await queryRows(
        manager,
        `UPDATE booths SET status = 'assigned', application_id = $3, organization_id = $4, updated_at = now()
          WHERE id = $1 AND event_id = $2 AND application_id IS NULL RETURNING id`,
        [boothId, eventId, dto.applicationId, counted[0].organization_id],
      );
      if (taken.length === 0) throw new DomainError(ErrorCode.BoothTaken, 'The booth already has an exhibitor: unassign it first');
      return BoothResponse.from(await manager.getRepository(Booth).findOneOrFail({ where: { id: boothId } }));
    });
  }

  /** Frees the booth (back to available, profile cleared) and gives the exhibitor's allowance back. */
  async unassign(user: AuthenticatedUser, eventId: string, boothId: string): Promise<void> {
    await this.eventAccess.requireOrganizer(user, eventId);
    await this.dataSource.transaction(async (manager) => {
      const booth = await manager.getRepository(Booth).findOne({ where: { id: boothId, eventId } });
      if (!booth) throw new NotFoundError('Booth');
      if (!booth.applicationId) throw notAssigned();
      // Application first, then booth (the order assign locks them in).
      await manager.query('SELECT id FROM exhibitor_applications WHERE id = $1 FOR UPDATE', [booth.applicationId]);
      const released = await queryRows(
        manager,
        `UPDATE booths SET ${RELEASED_BOOTH} WHERE id = $1 AND event_id = $2 AND application_id = $3 RETURNING id`,
        [boothId, eventId, booth.applicationId],
      );
      // Someone freed or reassigned it between our read and the lock.
      if (released.length === 0) throw notAssigned();
      await manager.query(
        'UPDATE exhibitor_applications SET assigned_booth_count = assigned_booth_count - 1, updated_at = now() WHERE id = $1',
        [booth.applicationId],
      );
    });
  }

  /** The exhibitor's own words on its booth; members of the exhibiting organization and organizers. */
  async updateProfile(user: AuthenticatedUser, eventId: string, boothId: string, dto: UpdateBoothProfileDto): Promise<BoothResponse> {
    const booth = await this.requireEditableBooth(user, eventId, boothId);
    if (Object.keys(dto).length > 0) {
      // Written only while the booth still belongs to the organization the caller was checked against.
      const result = await this.booths
        .createQueryBuilder()
        .update(Booth)
        .set({ ...dto })
        .where('id = :boothId AND event_id = :eventId', { boothId, eventId })
        .andWhere(booth.organizationId ? 'organization_id = :organizationId' : 'organization_id IS NULL', {
          organizationId: booth.organizationId,
        })
        .execute();
      if (!result.affected) throw new NotFoundError('Booth');
    }
    return BoothResponse.from(await this.booths.findOneOrFail({ where: { id: boothId } }));
  }

  /** Booths of these applications, for application responses. */
  async boothsOfApplications(applicationIds: string[], manager: EntityManager = this.booths.manager): Promise<Map<string, Booth[]>> {
    const byApplication = new Map<string, Booth[]>(applicationIds.map((id) => [id, []]));
    if (applicationIds.length === 0) return byApplication;
    const booths = await manager.getRepository(Booth).find({ where: { applicationId: In(applicationIds) }, order: { code: 'ASC' } });
    for (const booth of booths) byApplication.get(booth.applicationId!)?.push(booth);
    return byApplication;
  }

  private async requireEditableBooth(user: AuthenticatedUser, eventId: string, boothId: string): Promise<Booth> {
    const booth = await this.booths.findOne({ where: { id: boothId, eventId } });
    if (!booth) throw new NotFoundError('Booth');
    const roles = await this.eventAccess.rolesOf(user, eventId);
    if (roles.includes(EventRole.Organizer)) return booth;
    if (booth.organizationId && (await this.organizationsService.isMember(user.id, booth.organizationId))) return booth;
    throw new NotFoundError('Booth');
  }

  /**
   * One transaction: the pavilion is locked against deletion while the booths go in, and ON CONFLICT skips taken
   * codes so that all of them can be named before everything is rolled back.
   */
  private async insertAll(
    eventId: string,
    pavilionId: string,
    codes: string[],
    boothType: string | null,
    status: BoothStatus,
    codeField: string,
  ): Promise<Booth[]> {
    return this.dataSource.transaction(async (manager) => {
      await lockPavilionOfEvent(manager, eventId, pavilionId);
      const inserted: Array<{ id: string; code: string }> = await manager.query(
        `INSERT INTO booths (event_id, pavilion_id, code, booth_type, status)
         SELECT $1, $2, code, $4, $5::booth_status FROM unnest($3::text[]) AS code
         ON CONFLICT (event_id, code) DO NOTHING RETURNING id, code`,
        [eventId, pavilionId, codes, boothType, status],
      );
      if (inserted.length < codes.length) {
        const created = new Set(inserted.map((row) => row.code));
        throw codesTaken(codes.filter((code) => !created.has(code)), codeField);
      }
      return manager.getRepository(Booth).find({ where: { id: In(inserted.map((row) => row.id)) }, order: { code: 'ASC' } });
    });
  }
}

/**
 * Checks the pavilion is one of this event's and keeps it from being deleted until the transaction ends (FOR KEY
 * SHARE blocks DELETE, not other readers).
 */
async function lockPavilionOfEvent(manager: EntityManager, eventId: string, pavilionId: string): Promise<void> {
  const rows: unknown[] = await manager.query('SELECT id FROM pavilions WHERE id = $1 AND event_id = $2 FOR KEY SHARE', [pavilionId, eventId]);
  if (rows.length === 0) {
    throw new DomainError(ErrorCode.UnknownPavilion, 'No such pavilion in this event', [
      { field: 'pavilionId', messages: ['pavilionId must be a pavilion of this event'] },
    ]);
  }
}

/** Why an application could not take a booth: it is not this event's, or it is not accepted. */
async function explainUnassignable(manager: EntityManager, eventId: string, applicationId: string): Promise<never> {
  const [row]: Array<{ status: string }> = await manager.query(
    'SELECT status FROM exhibitor_applications WHERE id = $1 AND event_id = $2',
    [applicationId, eventId],
  );
  if (!row) {
    throw new DomainError(ErrorCode.UnknownApplication, 'This organization has not applied to exhibit at this event', [
      { field: 'applicationId', messages: ['applicationId must be an exhibitor application of this event'] },
    ]);
  }
  throw new DomainError(ErrorCode.ApplicationNotAccepted, `The application is ${row.status}; accept it before assigning a booth`, [
    { field: 'applicationId', messages: ['the application must be accepted'] },
  ]);
}

function codesTaken(codes: string[], field: string): DomainError {
  return new DomainError(ErrorCode.BoothCodeTaken, `Booth codes already in use in this event: ${codes.join(', ')}`, [
    { field, messages: codes.map((code) => `${code} is already in use`) },
  ]);
}

function notAssigned(): DomainError {
  return new DomainError(ErrorCode.BoothNotAssigned, 'The booth has no exhibitor');
}
