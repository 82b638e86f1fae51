import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { PersonSummary, UsersService } from '../users/users.service';
import { EventMemberResponse, UpdateEventMemberDto } from './dto/event-member.dto';
import { EventAccessService } from './event-access.service';
import { EventMembership } from './event-membership.entity';
import { EventRole } from './event.enums';

@Injectable()
export class EventMembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(EventMembership) private readonly memberships: Repository<EventMembership>,
    private readonly eventAccess: EventAccessService,
    private readonly usersService: UsersService,
  ) {}

  /** Members see who else takes part; only organizers see email addresses. */
  async list(user: AuthenticatedUser, eventId: string): Promise<EventMemberResponse[]> {
    const { roles } = await this.eventAccess.requireMember(user, eventId);
    const members = await this.memberships.find({ where: { eventId }, order: { createdAt: 'ASC' } });
    const people = await this.usersService.findByIds(members.map((member) => member.userId));
    const showEmails = roles.includes(EventRole.Organizer);
    return members.map((member) => toResponse(member, people.get(member.userId)!, showEmails));
  }

  async update(
    user: AuthenticatedUser,
    eventId: string,
    memberUserId: string,
    dto: UpdateEventMemberDto,
  ): Promise<EventMemberResponse> {
    await this.eventAccess.requireOrganizer(user, eventId);
    const member = await this.dataSource.transaction(async (manager) => {
      const current = await this.lockedMember(manager, eventId, memberUserId);
      await this.assertStillOrganizer(manager, user, eventId);
      if (current.roles.includes(EventRole.Organizer) && !dto.roles.includes(EventRole.Organizer)) {
        await this.assertAnotherOrganizer(manager, eventId);
      }
      current.roles = dto.roles;
      return manager.getRepository(EventMembership).save(current);
    });
    return toResponse(member, (await this.usersService.findById(memberUserId))!, true);
  }

  /** Organizers remove anyone; any member may leave. The last organizer cannot go. */
  async remove(user: AuthenticatedUser, eventId: string, memberUserId: string): Promise<void> {
    if (memberUserId === user.id) await this.eventAccess.requireMember(user, eventId);
    else await this.eventAccess.requireOrganizer(user, eventId);
    await this.dataSource.transaction(async (manager) => {
      const member = await this.lockedMember(manager, eventId, memberUserId);
      if (memberUserId !== user.id) await this.assertStillOrganizer(manager, user, eventId);
      if (member.roles.includes(EventRole.Organizer)) await this.assertAnotherOrganizer(manager, eventId);
      await manager.getRepository(EventMembership).delete({ eventId, userId: memberUserId });
    });
  }

  /** Adds a role to a person's membership, creating it if needed, in one statement (safe under concurrency). */
  async grantRole(manager: EntityManager, eventId: string, userId: string, role: EventRole): Promise<EventRole[]> {
    const [row]: Array<{ roles: string }> = await manager.query(
      `INSERT INTO event_memberships (event_id, user_id, roles) VALUES ($1, $2, ARRAY[$3::event_role])
       ON CONFLICT (event_id, user_id) DO UPDATE
         SET roles = CASE WHEN $3::event_role = ANY(event_memberships.roles) THEN event_memberships.roles
                          ELSE array_append(event_memberships.roles, $3::event_role) END
       RETURNING roles::text`,
      [eventId, userId, role],
    );
    return row.roles.replace(/[{}]/g, '').split(',') as EventRole[];
  }

  /**
   * Locks the event row first, so concurrent role changes or removals of organizers run one after another and
   * cannot together leave the event without one.
   */
  private async lockedMember(manager: EntityManager, eventId: string, userId: string): Promise<EventMembership> {
    await manager.query('SELECT id FROM events WHERE id = $1 FOR UPDATE', [eventId]);
    const member = await manager.getRepository(EventMembership).findOne({ where: { eventId, userId } });
    if (!member) throw new NotFoundError('Member');
    return member;
  }

  /** Re-checked under the event lock: an organizer demoted a moment ago must not act on a check made before. */
  private async assertStillOrganizer(manager: EntityManager, user: AuthenticatedUser, eventId: string): Promise<void> {
    if (user.isPlatformAdmin) return;
    const caller = await manager.getRepository(EventMembership).findOne({ where: { eventId, userId: user.id } });
    if (!caller?.roles.includes(EventRole.Organizer)) {
      throw new DomainError(ErrorCode.Forbidden, 'Requires one of these event roles: organizer');
    }
  }

  private async assertAnotherOrganizer(manager: EntityManager, eventId: string): Promise<void> {
    const [{ count }]: Array<{ count: number }> = await manager.query(
      `SELECT count(*)::int AS count FROM event_memberships WHERE event_id = $1 AND 'organizer' = ANY(roles)`,
      [eventId],
    );
    if (count <= 1) throw new DomainError(ErrorCode.LastOrganizer, 'Give another member the organizer role first');
  }
}

function toResponse(member: EventMembership, person: PersonSummary, showEmail: boolean): EventMemberResponse {
  return {
    userId: member.userId,
    name: person.name,
    ...(showEmail ? { email: person.email } : {}),
    timeZone: person.timeZone,
    roles: member.roles,
    joinedAt: member.createdAt,
  };
}
