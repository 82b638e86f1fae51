import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DateTime } from 'luxon';
import { Brackets, DataSource, In, Repository } from 'typeorm';
import { CallKind } from '../calls/call.enums';
import { CallResultsService, isSelected } from '../calls/call-results.service';
import { isConstraintViolation, queryRows } from '../common/database-queries';
import { DomainError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventAccessService } from '../events/event-access.service';
import { EventRole } from '../events/event.enums';
import { OrganizationsService } from '../organizations/organizations.service';
import { CollaborationStage } from './collaboration.enums';
import { CollaborationProject } from './collaboration-project.entity';
import { CollaborationStageEntry } from './collaboration-stage-entry.entity';
import { CollaborationResponse, CreateCollaborationDto, ListCollaborationsQuery, MoveStageDto } from './dto/collaboration.dto';
import { stagesBefore } from './stages';

interface ProjectAccess {
  project: CollaborationProject;
  timeZone: string;
  /** An organizer of the event or a member of the host company: they move the project through its stages. */
  canManage: boolean;
}

/**
 * Collaboration projects between a challenge's host company and its winners, through matching, technical and market
 * verification to completed (or dropped). Organizers see every project of the event; the two companies' people see
 * their own; anyone else gets 404.
 */
@Injectable()
export class CollaborationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(CollaborationProject) private readonly projects: Repository<CollaborationProject>,
    @InjectRepository(CollaborationStageEntry) private readonly entries: Repository<CollaborationStageEntry>,
    private readonly eventAccess: EventAccessService,
    private readonly organizationsService: OrganizationsService,
    private readonly callResults: CallResultsService,
  ) {}

  /**
   * Organizers or the host company turn a published winner of their challenge into a project, starting in matching;
   * one project per application (unique).
   */
  async create(user: AuthenticatedUser, eventId: string, dto: CreateCollaborationDto): Promise<CollaborationResponse> {
    const { event, roles } = await this.eventAccess.requireVisible(user, eventId);
    const [application] = await this.callResults.applications(eventId, [dto.applicationId]);
    if (!application) throw new ValidationError([{ field: 'applicationId', messages: ['not an application of this event'] }]);
    const call = (await this.callResults.findCall(eventId, application.callId))!;
    const isHost = call.hostOrganizationId !== null && (await this.organizationsService.isMember(user.id, call.hostOrganizationId));
    if (!roles.includes(EventRole.Organizer) && !isHost) {
      throw new DomainError(ErrorCode.Forbidden, "Only the event's organizers and the host company start a collaboration");
    }
    if (call.kind !== CallKind.Challenge || call.resultsPublishedAt === null || !isSelected(application)) {
      throw new DomainError(ErrorCode.NotAChallengeWinner, 'Only a selected application of a challenge whose results are published becomes a project', [
        { field: 'applicationId', messages: ['not a published winner of a challenge'] },
      ]);
    }
    const startedOn = dto.startedOn ?? today(event.timeZone);
    let projectId: string;
    try {
      projectId = await this.dataSource.transaction(async (manager) => {
        const project = await manager.getRepository(CollaborationProject).save(
          manager.getRepository(CollaborationProject).create({
            eventId,
            callId: call.id,
            applicationId: application.id,
            hostOrganizationId: call.hostOrganizationId!,
            startupOrganizationId: application.organizationId,
            title: dto.title ?? `${application.organizationName} × ${call.title}`,
            stage: CollaborationStage.Matching,
            stageSince: startedOn,
            createdById: user.id,
          }),
        );
        await manager.getRepository(CollaborationStageEntry).insert({
          projectId: project.id,
          stage: CollaborationStage.Matching,
          enteredOn: startedOn,
          note: dto.note ?? null,
          recordedById: user.id,
        });
        return project.id;
      });
    } catch (error) {
      // Only an application made by the host company itself (its kind changed, or it applied before hosts were
      // refused) meets this CHECK.
      if (isConstraintViolation(error, 'collaboration_projects_two_companies')) {
        throw new DomainError(ErrorCode.OwnChallenge, 'The winner is the host company itself; a collaboration needs two companies', [
          { field: 'applicationId', messages: ['the application was made by the host company'] },
        ]);
      }
      if (isConstraintViolation(error, 'collaboration_projects_one_per_application')) {
        throw new DomainError(ErrorCode.CollaborationExists, 'This winner already has a collaboration project', [
          { field: 'applicationId', messages: ['a project already exists for this application'] },
        ]);
      }
      throw error;
    }
    return this.one(await this.projects.findOneByOrFail({ id: projectId }));
  }

  /** Organizers: every project of the event; others: those of their own companies. `hostOrganizationId` lists one host's. */
  async list(user: AuthenticatedUser, eventId: string, query: ListCollaborationsQuery): Promise<CollaborationResponse[]> {
    const { roles } = await this.eventAccess.requireVisible(user, eventId);
    const builder = this.projects.createQueryBuilder('project').where('project.eventId = :eventId', { eventId });
    if (!roles.includes(EventRole.Organizer)) {
      const mine = await this.organizationsService.organizationIdsOf(user.id);
      if (mine.length === 0) return [];
      builder.andWhere(
        new Brackets((where) => {
          where.where('project.hostOrganizationId IN (:...mine)', { mine }).orWhere('project.startupOrganizationId IN (:...mine)', { mine });
        }),
      );
    }
    if (query.hostOrganizationId) builder.andWhere('project.hostOrganizationId = :host', { host: query.hostOrganizationId });
    if (query.stage) builder.andWhere('project.stage = :stage', { stage: query.stage });
    return this.present(await builder.orderBy('project.createdAt', 'ASC').addOrderBy('project.id', 'ASC').getMany());
  }

  /** A company's projects across events, as host or as startup, for its members (others get 404). */
  async listForOrganization(user: AuthenticatedUser, organizationId: string): Promise<CollaborationResponse[]> {
    if (!(await this.organizationsService.isMember(user.id, organizationId))) throw new NotFoundError('Organization');
    const projects = await this.projects.find({
      where: [{ hostOrganizationId: organizationId }, { startupOrganizationId: organizationId }],
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return this.present(projects);
  }

  async get(user: AuthenticatedUser, eventId: string, projectId: string): Promise<CollaborationResponse> {
    const { project } = await this.requireProject(user, eventId, projectId);
    return this.one(project);
  }

  /**
   * Organizers or the host company move the project to a later stage (or drop it), on a day not before the current
   * stage began: one conditional UPDATE checks both, and the history entry is written in the same transaction.
   */
  async moveStage(user: AuthenticatedUser, eventId: string, projectId: string, dto: MoveStageDto): Promise<CollaborationResponse> {
    const { timeZone, canManage } = await this.requireProject(user, eventId, projectId);
    if (!canManage) throw new DomainError(ErrorCode.Forbidden, "Only the event's organizers and the host company move the project");
    const on = dto.on ?? today(timeZone);
    await this.dataSource.transaction(async (manager) => {
      const moved = await queryRows<{ id: string }>(
        manager,
        `UPDATE collaboration_projects SET stage = $2, stage_since = $3, updated_at = now()
          WHERE id = $1 AND stage = ANY($4::collaboration_stage[]) AND stage_since <= $3::date RETURNING id`,
        [projectId, dto.stage, on, stagesBefore(dto.stage)],
      );
      if (moved.length === 0) {
        const current = await manager.getRepository(CollaborationProject).findOneByOrFail({ id: projectId });
        if (!stagesBefore(dto.stage).includes(current.stage)) {
          throw new DomainError(ErrorCode.StageNotAllowed, `The project is in ${current.stage} and cannot move to ${dto.stage}`, [
            { field: 'stage', messages: [`not reachable from ${current.stage}`] },
          ]);
        }
        throw new ValidationError([{ field: 'on', messages: [`on must not be before ${current.stageSince}, when the current stage began`] }]);
      }
      await manager.getRepository(CollaborationStageEntry).insert({ projectId, stage: dto.stage, enteredOn: on, note: dto.note ?? null, recordedById: user.id });
    });
    return this.one(await this.projects.findOneByOrFail({ id: projectId }));
  }

  private async requireProject(user: AuthenticatedUser, eventId: string, projectId: string): Promise<ProjectAccess> {
    const { event, roles } = await this.eventAccess.requireVisible(user, eventId);
    if (!isUUID(projectId)) throw new NotFoundError('Collaboration');
    const project = await this.projects.findOneBy({ id: projectId, eventId });
    if (!project) throw new NotFoundError('Collaboration');
    const isOrganizer = roles.includes(EventRole.Organizer);
    const [isHost, isStartup] = await Promise.all([
      this.organizationsService.isMember(user.id, project.hostOrganizationId),
      this.organizationsService.isMember(user.id, project.startupOrganizationId),
    ]);
    if (!isOrganizer && !isHost && !isStartup) throw new NotFoundError('Collaboration');
    return { project, timeZone: event.timeZone, canManage: isOrganizer || isHost };
  }

  private async one(project: CollaborationProject): Promise<CollaborationResponse> {
    const [response] = await this.present([project]);
    return response;
  }

  private async present(projects: CollaborationProject[]): Promise<CollaborationResponse[]> {
    if (projects.length === 0) return [];
    const [entries, names] = await Promise.all([
      this.entries.find({ where: { projectId: In(projects.map((project) => project.id)) }, order: { enteredOn: 'ASC', createdAt: 'ASC' } }),
      this.organizationsService.namesByIds([...new Set(projects.flatMap((project) => [project.hostOrganizationId, project.startupOrganizationId]))]),
    ]);
    return projects.map((project) => ({
      id: project.id,
      eventId: project.eventId,
      callId: project.callId,
      applicationId: project.applicationId,
      host: { id: project.hostOrganizationId, name: names.get(project.hostOrganizationId) ?? '' },
      startup: { id: project.startupOrganizationId, name: names.get(project.startupOrganizationId) ?? '' },
      title: project.title,
      stage: project.stage,
      stageSince: project.stageSince,
      history: entries
        .filter((entry) => entry.projectId === project.id)
        .map((entry) => ({ stage: entry.stage, enteredOn: entry.enteredOn, note: entry.note, recordedById: entry.recordedById, createdAt: entry.createdAt })),
      createdAt: project.createdAt,
      updatedAt: project.updatedAt,
    }));
  }
}

function today(timeZone: string): string {
  return DateTime.now().setZone(timeZone).toISODate()!;
}
