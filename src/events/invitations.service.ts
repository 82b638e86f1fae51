import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { TokenResponse } from '../auth/dto/auth.dto';
import { AppConfig } from '../config/app-config';
import { isConstraintViolation, queryRows } from '../common/database-queries';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { generateSecretToken, hashSecretToken } from '../common/secret-token';
import { MailJob, MailQueue } from '../notifications/mail-queue.service';
import { UsersService } from '../users/users.service';
import { EventResponse } from './dto/event.dto';
import {
  CreatedInvitationResponse,
  CreateInvitationDto,
  InvitationPreviewResponse,
  InvitationResponse,
  InvitationStatus,
  RegisterWithInvitationDto,
} from './dto/invitation.dto';
import { EventAccessService } from './event-access.service';
import { EventMembersService } from './event-members.service';
import { Event } from './event.entity';
import { EventRole } from './event.enums';
import { invitationMail } from './invitation-mail';
import { Invitation } from './invitation.entity';

const DAY_MS = 24 * 60 * 60 * 1000;

const PENDING = `accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()`;

@Injectable()
export class InvitationsService {
  private readonly logger = new Logger(InvitationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    private readonly eventAccess: EventAccessService,
    private readonly eventMembers: EventMembersService,
    private readonly usersService: UsersService,
    private readonly authService: AuthService,
    private readonly mailQueue: MailQueue,
    private readonly config: AppConfig,
  ) {}

  /**
   * Invites a person by email. Inviting the same person to the same role again replaces the pending invitation
   * (a resend): the old link stops working.
   */
  async create(user: AuthenticatedUser, eventId: string, dto: CreateInvitationDto): Promise<CreatedInvitationResponse> {
    const { event } = await this.eventAccess.requireOrganizer(user, eventId);
    const email = UsersService.normalizeEmail(dto.email);
    const [invitee, inviter] = await Promise.all([this.usersService.findByEmail(email), this.usersService.findById(user.id)]);
    if (invitee && (await this.eventAccess.personHasRole(invitee.id, eventId, dto.role))) {
      throw new DomainError(ErrorCode.AlreadyMember, `${email} already takes part as ${dto.role}`);
    }
    const token = generateSecretToken();
    let invitation: Invitation;
    try {
      invitation = await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `UPDATE invitations SET revoked_at = now()
            WHERE event_id = $1 AND email = $2 AND role = $3 AND accepted_at IS NULL AND revoked_at IS NULL`,
          [eventId, email, dto.role],
        );
        const repository = manager.getRepository(Invitation);
        return repository.save(
          repository.create({
            eventId,
            email,
            role: dto.role,
            language: dto.language ?? invitee?.language ?? inviter!.language,
            tokenHash: hashSecretToken(token),
            expiresAt: new Date(Date.now() + this.config.INVITATION_TTL_DAYS * DAY_MS),
            invitedById: user.id,
            acceptedAt: null,
            acceptedById: null,
            revokedAt: null,
          }),
        );
      });
    } catch (error) {
      if (isConstraintViolation(error, 'invitations_one_pending_per_role')) throw new DomainError(ErrorCode.InvitationPending);
      throw error;
    }

    const acceptUrl = `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/invitations/${token}`;
    // Queued after the commit for the worker to send (the api sends no mail itself); a failure to queue or to send
    // leaves a valid invitation whose link the organizer can pass on.
    await this.mailQueue
      .enqueue(
        MailJob.Invitation,
        `invitation.${invitation.id}`,
        invitationMail({
          to: email,
          language: invitation.language,
          event,
          role: invitation.role,
          inviterName: inviter!.name,
          acceptUrl,
          expiresAt: invitation.expiresAt,
        }),
      )
      .catch((error: unknown) => this.logger.warn({ err: error, invitationId: invitation.id }, 'Invitation email not queued'));
    return { ...toResponse(invitation), token, acceptUrl };
  }

  async list(user: AuthenticatedUser, eventId: string): Promise<InvitationResponse[]> {
    await this.eventAccess.requireOrganizer(user, eventId);
    const invitations = await this.invitations.find({ where: { eventId }, order: { createdAt: 'DESC' } });
    return invitations.map(toResponse);
  }

  async revoke(user: AuthenticatedUser, eventId: string, invitationId: string): Promise<void> {
    await this.eventAccess.requireOrganizer(user, eventId);
    const [, revoked]: [unknown, number] = await this.dataSource.query(
      `UPDATE invitations SET revoked_at = now() WHERE id = $1 AND event_id = $2 AND ${PENDING}`,
      [invitationId, eventId],
    );
    if (revoked === 0) throw new NotFoundError('Pending invitation');
  }

  /** What a link shows before accepting: public, since holding the unguessable token is the proof. */
  async preview(token: string): Promise<InvitationPreviewResponse> {
    const invitation = await this.findPending(this.dataSource.manager, token);
    const event = await this.dataSource.getRepository(Event).findOneByOrFail({ id: invitation.eventId });
    return {
      event: { id: event.id, slug: event.slug, name: event.name, startsOn: event.startsOn, endsOn: event.endsOn, timeZone: event.timeZone },
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
      accountExists: (await this.usersService.findByEmail(invitation.email)) !== null,
    };
  }

  /** Accepts for the signed-in person, whose email must be the invited one. */
  async accept(user: AuthenticatedUser, token: string): Promise<EventResponse> {
    const person = (await this.usersService.findById(user.id))!;
    const { eventId, roles } = await this.dataSource.transaction((manager) => this.claim(manager, token, user.id, person.email));
    const event = await this.dataSource.getRepository(Event).findOneByOrFail({ id: eventId });
    return EventResponse.from(event, roles);
  }

  /** Creates the invited person's account, accepts, and signs them in: one transaction, all or nothing. */
  async registerAndAccept(token: string, dto: RegisterWithInvitationDto, userAgent: string | undefined): Promise<TokenResponse> {
    return this.dataSource.transaction(async (manager) => {
      const invitation = await this.findPending(manager, token);
      const session = await this.authService.register({ ...dto, email: invitation.email }, userAgent, manager);
      await this.claim(manager, token, session.user.id, invitation.email);
      return session;
    });
  }

  /** Marks the invitation used in one conditional UPDATE (so it works once, even under races) and grants the role. */
  private async claim(
    manager: EntityManager,
    token: string,
    userId: string,
    email: string,
  ): Promise<{ eventId: string; roles: EventRole[] }> {
    const claimed = await queryRows<{ event_id: string; role: EventRole }>(
      manager,
      `UPDATE invitations SET accepted_at = now(), accepted_by_id = $3
        WHERE token_hash = $1 AND email = $2 AND ${PENDING}
        RETURNING event_id, role`,
      [hashSecretToken(token), email, userId],
    );
    if (claimed.length === 0) {
      await this.findPending(manager, token);
      throw new DomainError(ErrorCode.InvitationEmailMismatch, 'Sign in with the email address the invitation was sent to');
    }
    const roles = await this.eventMembers.grantRole(manager, claimed[0].event_id, userId, claimed[0].role);
    return { eventId: claimed[0].event_id, roles };
  }

  private async findPending(manager: EntityManager, token: string): Promise<Invitation> {
    const invitation = await manager
      .getRepository(Invitation)
      .createQueryBuilder('invitation')
      .where('invitation.tokenHash = :tokenHash', { tokenHash: hashSecretToken(token) })
      .andWhere('invitation.acceptedAt IS NULL AND invitation.revokedAt IS NULL AND invitation.expiresAt > now()')
      .getOne();
    if (!invitation) throw new DomainError(ErrorCode.InvitationInvalid);
    return invitation;
  }
}

function statusOf(invitation: Invitation): InvitationStatus {
  if (invitation.acceptedAt) return InvitationStatus.Accepted;
  if (invitation.revokedAt) return InvitationStatus.Revoked;
  return invitation.expiresAt.getTime() <= Date.now() ? InvitationStatus.Expired : InvitationStatus.Pending;
}

function toResponse(invitation: Invitation): InvitationResponse {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    language: invitation.language,
    status: statusOf(invitation),
    expiresAt: invitation.expiresAt,
    createdAt: invitation.createdAt,
    acceptedAt: invitation.acceptedAt,
  };
}
