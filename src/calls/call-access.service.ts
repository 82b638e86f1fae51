import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { Repository } from 'typeorm';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventAccessService } from '../events/event-access.service';
import { EventRole } from '../events/event.enums';
import { Event } from '../events/event.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { CallApplicationStatus } from './call.enums';
import { CallApplication } from './call-application.entity';
import { Call } from './call.entity';
import { ReviewAssignment } from './review-assignment.entity';

export interface CallAccess {
  event: Event;
  roles: EventRole[];
  call: Call;
  isOrganizer: boolean;
  /** A member of the company hosting this challenge. */
  isHost: boolean;
  /** Organizers of the event, and the host company's people for a challenge: they see every application and decide. */
  canManage: boolean;
}

export interface ApplicationAccess extends CallAccess {
  application: CallApplication;
  /** A member of the applying organization. */
  isApplicant: boolean;
  /** Assigned to review it. */
  isReviewer: boolean;
}

/**
 * Who may see and do what with a call and its applications. A call is seen by whoever may see its event. An
 * application is seen by the applying organization's members, by its assigned reviewers, and (once submitted) by the
 * call's managers; to anyone else, and through another event or call, it answers 404 like one that does not exist.
 */
@Injectable()
export class CallAccessService {
  constructor(
    private readonly eventAccess: EventAccessService,
    private readonly organizationsService: OrganizationsService,
    @InjectRepository(Call) private readonly calls: Repository<Call>,
    @InjectRepository(CallApplication) private readonly applications: Repository<CallApplication>,
    @InjectRepository(ReviewAssignment) private readonly assignments: Repository<ReviewAssignment>,
  ) {}

  async requireCall(user: AuthenticatedUser, eventId: string, callId: string): Promise<CallAccess> {
    const { event, roles } = await this.eventAccess.requireVisible(user, eventId);
    if (!isUUID(callId)) throw new NotFoundError('Call');
    const call = await this.calls.findOne({ where: { id: callId, eventId } });
    if (!call) throw new NotFoundError('Call');
    const isOrganizer = roles.includes(EventRole.Organizer);
    const isHost = call.hostOrganizationId !== null && (await this.organizationsService.isMember(user.id, call.hostOrganizationId));
    return { event, roles, call, isOrganizer, isHost, canManage: isOrganizer || isHost };
  }

  /** The call's managers; anyone else who may see the call gets 403. */
  async requireManager(user: AuthenticatedUser, eventId: string, callId: string): Promise<CallAccess> {
    const access = await this.requireCall(user, eventId, callId);
    if (!access.canManage) {
      throw new DomainError(ErrorCode.Forbidden, "Only the event's organizers (and, for a challenge, the host company) manage this call");
    }
    return access;
  }

  async requireApplication(user: AuthenticatedUser, eventId: string, callId: string, applicationId: string): Promise<ApplicationAccess> {
    const access = await this.requireCall(user, eventId, callId);
    if (!isUUID(applicationId)) throw new NotFoundError('Application');
    const application = await this.applications.findOne({ where: { id: applicationId, callId, eventId } });
    if (!application) throw new NotFoundError('Application');
    const [isApplicant, isReviewer] = await Promise.all([
      this.organizationsService.isMember(user.id, application.organizationId),
      this.assignments.exists({ where: { applicationId, reviewerUserId: user.id } }),
    ]);
    const managerMaySee = access.canManage && application.status !== CallApplicationStatus.Draft;
    if (!isApplicant && !isReviewer && !managerMaySee) throw new NotFoundError('Application');
    return { ...access, application, isApplicant, isReviewer };
  }

  /** Only the applying organization's members change, submit or withdraw it; others who see it get 403. */
  async requireApplicant(user: AuthenticatedUser, eventId: string, callId: string, applicationId: string): Promise<ApplicationAccess> {
    const access = await this.requireApplication(user, eventId, callId, applicationId);
    if (!access.isApplicant) throw new DomainError(ErrorCode.Forbidden, 'Only members of the applying organization change, submit or withdraw it');
    return access;
  }

  /** The call's managers, for a submitted (or withdrawn) application; others who see it get 403. */
  async requireApplicationManager(user: AuthenticatedUser, eventId: string, callId: string, applicationId: string): Promise<ApplicationAccess> {
    const access = await this.requireApplication(user, eventId, callId, applicationId);
    if (!access.canManage || access.application.status === CallApplicationStatus.Draft) {
      throw new DomainError(ErrorCode.Forbidden, "Only the event's organizers (and, for a challenge, the host company) decide on applications");
    }
    return access;
  }
}
