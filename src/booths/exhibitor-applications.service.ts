import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { isConstraintViolation, queryRows } from '../common/database-queries';
import { DomainError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventAccessService } from '../events/event-access.service';
import { EventMembersService } from '../events/event-members.service';
import { EventRole, EventStatus } from '../events/event.enums';
import { OrganizationsService } from '../organizations/organizations.service';
import { ApplicationStatus } from './booth.enums';
import { RELEASED_BOOTH } from './booth-sql';
import { BoothsService } from './booths.service';
import {
  ApplicationDecision,
  ApplicationDecisionDto,
  CreateExhibitorApplicationDto,
  ExhibitorApplicationResponse,
  ListExhibitorApplicationsQuery,
  UpdateExhibitorApplicationDto,
} from './dto/exhibitor-application.dto';
import { ExhibitorApplication } from './exhibitor-application.entity';

const STATUS_OF_DECISION: Record<ApplicationDecision, ApplicationStatus> = {
  [ApplicationDecision.Accept]: ApplicationStatus.Accepted,
  [ApplicationDecision.Reject]: ApplicationStatus.Rejected,
  [ApplicationDecision.Waitlist]: ApplicationStatus.Waitlisted,
};

/** The applicant may still change these; after a decision to accept or reject, not any more. */
const EDITABLE_STATUSES = [ApplicationStatus.Submitted, ApplicationStatus.Waitlisted];
const WITHDRAWABLE_STATUSES = [ApplicationStatus.Submitted, ApplicationStatus.Waitlisted, ApplicationStatus.Accepted];

interface ApplicationAccess {
  application: ExhibitorApplication;
  /** A member of the applying organization (organizers may see an application without being one). */
  isApplicant: boolean;
}

@Injectable()
export class ExhibitorApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ExhibitorApplication) private readonly applications: Repository<ExhibitorApplication>,
    private readonly eventAccess: EventAccessService,
    private readonly eventMembers: EventMembersService,
    private readonly organizationsService: OrganizationsService,
    private readonly boothsService: BoothsService,
  ) {}

  /** A member of an organization applies for it to exhibit; one application per organization and event. */
  async apply(user: AuthenticatedUser, eventId: string, dto: CreateExhibitorApplicationDto): Promise<ExhibitorApplicationResponse> {
    const { event } = await this.eventAccess.requireVisible(user, eventId);
    if (event.status === EventStatus.Archived) throw new DomainError(ErrorCode.EventClosed, 'The event is archived');
    const organization = await this.organizationsService.get(user, dto.organizationId);
    if (organization.myRole === null) {
      throw new DomainError(ErrorCode.NotOrganizationMember, 'Only members of the organization may apply for it', [
        { field: 'organizationId', messages: ['you must be a member of this organization'] },
      ]);
    }
    try {
      const application = await this.dataSource.transaction(async (manager) => {
        await lockPavilionsOfEvent(manager, eventId, dto.preferredPavilionIds ?? []);
        const repository = manager.getRepository(ExhibitorApplication);
        return repository.save(
          repository.create({
            eventId,
            organizationId: organization.id,
            exhibitorName: organization.name,
            sectors: organization.sectors,
            preferredPavilionIds: dto.preferredPavilionIds ?? [],
            pitch: dto.pitch,
            products: dto.products ?? [],
            teamMembers: plainTeam(dto.teamMembers ?? []),
            status: ApplicationStatus.Submitted,
            decisionReason: null,
            decidedAt: null,
            appliedById: user.id,
          }),
        );
      });
      return ExhibitorApplicationResponse.from(application, []);
    } catch (error) {
      if (isConstraintViolation(error, 'exhibitor_applications_one_per_organization')) {
        throw new DomainError(ErrorCode.AlreadyApplied, `${organization.name} has already applied to exhibit at this event`, [
          { field: 'organizationId', messages: ['this organization already has an application for this event'] },
        ]);
      }
      throw error;
    }
  }

  /** Organizers see every application; anyone else only those of organizations they belong to. */
  async list(user: AuthenticatedUser, eventId: string, query: ListExhibitorApplicationsQuery): Promise<ExhibitorApplicationResponse[]> {
    const { roles } = await this.eventAccess.requireVisible(user, eventId);
    const status = query.status ? { status: query.status } : {};
    let applications: ExhibitorApplication[];
    if (roles.includes(EventRole.Organizer)) {
      applications = await this.applications.find({ where: { eventId, ...status }, order: { createdAt: 'ASC', id: 'ASC' } });
    } else {
      const organizationIds = (await this.organizationsService.listMine(user)).map((organization) => organization.id);
      applications = organizationIds.length
        ? await this.applications.find({
            where: { eventId, organizationId: In(organizationIds), ...status },
            order: { createdAt: 'ASC', id: 'ASC' },
          })
        : [];
    }
    const booths = await this.boothsService.boothsOfApplications(applications.map((application) => application.id));
    return applications.map((application) => ExhibitorApplicationResponse.from(application, booths.get(application.id) ?? []));
  }

  async get(user: AuthenticatedUser, eventId: string, applicationId: string): Promise<ExhibitorApplicationResponse> {
    const { application } = await this.requireAccess(user, eventId, applicationId);
    return this.respond(application);
  }

  /** The applicant's own changes, while the application is submitted or waitlisted. */
  async update(
    user: AuthenticatedUser,
    eventId: string,
    applicationId: string,
    dto: UpdateExhibitorApplicationDto,
  ): Promise<ExhibitorApplicationResponse> {
    const { application } = await this.requireApplicant(user, eventId, applicationId);
    const changes = {
      ...dto,
      ...(dto.teamMembers ? { teamMembers: plainTeam(dto.teamMembers) } : {}),
    };
    const updated = await this.dataSource.transaction(async (manager) => {
      await lockPavilionsOfEvent(manager, eventId, dto.preferredPavilionIds ?? []);
      if (Object.keys(changes).length > 0) {
        // Conditional on the status, so an edit racing a decision cannot slip in after it.
        const result = await manager
          .createQueryBuilder()
          .update(ExhibitorApplication)
          .set(changes)
          .where('id = :applicationId AND event_id = :eventId AND status IN (:...editable)', {
            applicationId,
            eventId,
            editable: EDITABLE_STATUSES,
          })
          .execute();
        if (!result.affected) throw closed(application.status, 'changed');
      } else if (!EDITABLE_STATUSES.includes(application.status)) {
        throw closed(application.status, 'changed');
      }
      return manager.getRepository(ExhibitorApplication).findOneOrFail({ where: { id: applicationId } });
    });
    return this.respond(updated);
  }

  /**
   * Accept, reject or waitlist, in one transaction: the status changes on a conditional UPDATE (which locks the
   * application, so assignments wait for it); leaving `accepted` frees the application's booths; accepting makes
   * every current member of the organization an exhibitor of the event.
   */
  async decide(user: AuthenticatedUser, eventId: string, applicationId: string, dto: ApplicationDecisionDto): Promise<ExhibitorApplicationResponse> {
    await this.eventAccess.requireOrganizer(user, eventId);
    if (dto.boothAllowance !== undefined && dto.decision !== ApplicationDecision.Accept) {
      throw new ValidationError([{ field: 'boothAllowance', messages: ['boothAllowance goes only with decision accept'] }]);
    }
    const status = STATUS_OF_DECISION[dto.decision];
    const application = await this.dataSource.transaction(async (manager) => {
      let decided: Array<{ id: string; organization_id: string }>;
      try {
        decided = await queryRows(
          manager,
          `UPDATE exhibitor_applications
              SET status = $3::application_status, decision_reason = $4, decided_at = now(), updated_at = now(),
                  booth_allowance = COALESCE($5::int, booth_allowance),
                  assigned_booth_count = CASE WHEN $3::application_status = 'accepted' THEN assigned_booth_count ELSE 0 END
            WHERE id = $1 AND event_id = $2 AND status <> 'withdrawn'
           RETURNING id, organization_id`,
          [applicationId, eventId, status, dto.reason ?? null, dto.boothAllowance ?? null],
        );
      } catch (error) {
        if (isConstraintViolation(error, 'exhibitor_applications_booth_allowance')) {
          throw new DomainError(ErrorCode.BoothAllowanceReached, 'The exhibitor holds more booths than that allowance: unassign some first', [
            { field: 'boothAllowance', messages: ['boothAllowance must not be below the booths already assigned'] },
          ]);
        }
        throw error;
      }
      if (decided.length === 0) {
        const existing = await manager.getRepository(ExhibitorApplication).findOne({ where: { id: applicationId, eventId } });
        if (!existing) throw new NotFoundError('Application');
        throw closed(existing.status, 'decided on');
      }
      if (status === ApplicationStatus.Accepted) {
        for (const memberId of await this.organizationsService.memberIds(decided[0].organization_id, manager)) {
          await this.eventMembers.grantRole(manager, eventId, memberId, EventRole.Exhibitor);
        }
      } else {
        await releaseBooths(manager, applicationId);
      }
      return manager.getRepository(ExhibitorApplication).findOneOrFail({ where: { id: applicationId } });
    });
    return this.respond(application);
  }

  /** The applicant withdraws; an accepted exhibitor's booths go back to the floor in the same transaction. */
  async withdraw(user: AuthenticatedUser, eventId: string, applicationId: string): Promise<ExhibitorApplicationResponse> {
    const { application } = await this.requireApplicant(user, eventId, applicationId);
    const withdrawn = await this.dataSource.transaction(async (manager) => {
      const rows = await queryRows(
        manager,
        `UPDATE exhibitor_applications SET status = 'withdrawn', assigned_booth_count = 0, updated_at = now()
          WHERE id = $1 AND event_id = $2 AND status = ANY($3::application_status[]) RETURNING id`,
        [applicationId, eventId, WITHDRAWABLE_STATUSES],
      );
      if (rows.length === 0) throw closed(application.status, 'withdrawn');
      await releaseBooths(manager, applicationId);
      return manager.getRepository(ExhibitorApplication).findOneOrFail({ where: { id: applicationId } });
    });
    return this.respond(withdrawn);
  }

  private async respond(application: ExhibitorApplication): Promise<ExhibitorApplicationResponse> {
    const booths = await this.boothsService.boothsOfApplications([application.id]);
    return ExhibitorApplicationResponse.from(application, booths.get(application.id) ?? []);
  }

  /** Organizers and the applying organization's members see an application; anyone else gets 404. */
  private async requireAccess(user: AuthenticatedUser, eventId: string, applicationId: string): Promise<ApplicationAccess> {
    const { roles } = await this.eventAccess.requireVisible(user, eventId);
    const application = await this.applications.findOne({ where: { id: applicationId, eventId } });
    if (!application) throw new NotFoundError('Application');
    const isApplicant = await this.organizationsService.isMember(user.id, application.organizationId);
    if (!isApplicant && !roles.includes(EventRole.Organizer)) throw new NotFoundError('Application');
    return { application, isApplicant };
  }

  /** Only the applying organization changes or withdraws its application; organizers see it but decide instead. */
  private async requireApplicant(user: AuthenticatedUser, eventId: string, applicationId: string): Promise<ApplicationAccess> {
    const access = await this.requireAccess(user, eventId, applicationId);
    if (!access.isApplicant) {
      throw new DomainError(ErrorCode.Forbidden, "Only members of the applying organization change or withdraw its application");
    }
    return access;
  }
}

/**
 * Checks every preferred pavilion is one of this event's, and keeps them from being deleted until the transaction
 * ends (a pavilion's deletion removes it from applications, which must see this one).
 */
async function lockPavilionsOfEvent(manager: EntityManager, eventId: string, pavilionIds: string[]): Promise<void> {
  if (pavilionIds.length === 0) return;
  const rows: Array<{ id: string }> = await manager.query(
    'SELECT id FROM pavilions WHERE event_id = $1 AND id = ANY($2::uuid[]) FOR KEY SHARE',
    [eventId, pavilionIds],
  );
  const found = new Set(rows.map((row) => row.id));
  const unknown = pavilionIds.filter((id) => !found.has(id.toLowerCase()));
  if (unknown.length > 0) {
    throw new DomainError(ErrorCode.UnknownPavilion, 'Preferred pavilions must be pavilions of this event', [
      { field: 'preferredPavilionIds', messages: unknown.map((id) => `${id} is not a pavilion of this event`) },
    ]);
  }
}

/** Frees every booth of the application, in the caller's transaction (after the application row is locked). */
async function releaseBooths(manager: EntityManager, applicationId: string): Promise<void> {
  await manager.query(`UPDATE booths SET ${RELEASED_BOOTH} WHERE application_id = $1`, [applicationId]);
}

/** Class instances from the validation pipe, as the plain objects the jsonb column stores. */
function plainTeam(members: Array<{ name: string; title?: string }>): Array<{ name: string; title?: string }> {
  return members.map((member) => ({ name: member.name, ...(member.title !== undefined ? { title: member.title } : {}) }));
}

function closed(status: ApplicationStatus, action: string): DomainError {
  return new DomainError(ErrorCode.ApplicationClosed, `The application is ${status} and can no longer be ${action}`);
}
