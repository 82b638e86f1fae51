import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { preparedRows } from '../common/database-queries';
import { entityFromJson, entityJsonObject } from '../common/entity-rows';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventMembership } from './event-membership.entity';
import { EventRole, EventStatus } from './event.enums';
import { Event } from './event.entity';

export interface EventAccess {
  event: Event;
  /** The caller's roles in the event; a platform admin acts as organizer. */
  roles: EventRole[];
}

/** The columns `membershipQuery().select` gives; no row at all means no such event. */
export interface MembershipColumns {
  eventRow: Record<string, unknown>;
  membershipRoles: EventRole[] | null;
}

/**
 * The event and the caller's membership as parts of a SELECT, for a hot path of another module that must judge
 * membership in the same round trip as its own read (booking). The aliases `event` and `membership` are taken; the
 * caller adds its own columns and joins, and hands the row to `accessFromRow`, which applies requireMember's rule.
 */
export interface MembershipQuery {
  select: string;
  from: string;
  where: string;
}

/**
 * Who may do what in an event, for this module and the feature modules built on events. Someone who is not a
 * member gets the same 404 as for an event that does not exist.
 */
@Injectable()
export class EventAccessService {
  /** The event and the caller's membership: the text is built once, from the entity's columns. */
  private readonly memberSql: string;
  private readonly eventJson: string;

  constructor(
    @InjectRepository(Event) private readonly events: Repository<Event>,
    @InjectRepository(EventMembership) private readonly memberships: Repository<EventMembership>,
  ) {
    this.eventJson = entityJsonObject(this.events, 'event');
    const member = this.membershipQuery('$1', '$2');
    this.memberSql = `SELECT ${member.select} FROM ${member.from} WHERE ${member.where}`;
  }

  /** The membership read for another module's statement; `eventParameter` and `userParameter` are its placeholders. */
  membershipQuery(eventParameter: string, userParameter: string): MembershipQuery {
    return {
      select: `${this.eventJson} AS "eventRow", membership.roles::text[] AS "membershipRoles"`,
      from: `events event LEFT JOIN event_memberships membership ON membership.event_id = event.id AND membership.user_id = ${userParameter}`,
      where: `event.id = ${eventParameter}`,
    };
  }

  /** requireMember's rule on a row of `membershipQuery` (undefined: no such event): 404 unless a member. */
  accessFromRow(user: AuthenticatedUser, row: MembershipColumns | undefined): EventAccess {
    if (!row) throw new NotFoundError('Event');
    const roles = withAdminRole(user, row.membershipRoles ?? []);
    if (roles.length === 0) throw new NotFoundError('Event');
    return { event: entityFromJson(this.events, row.eventRow), roles };
  }

  async rolesOf(user: AuthenticatedUser, eventId: string): Promise<EventRole[]> {
    const membership = await this.memberships.findOne({ where: { eventId, userId: user.id } });
    return withAdminRole(user, membership?.roles ?? []);
  }

  /** Whether a person (not the caller) is a member of the event in any role. */
  async personIsMember(userId: string, eventId: string): Promise<boolean> {
    return (await this.memberships.count({ where: { eventId, userId } })) > 0;
  }

  async personHasRole(userId: string, eventId: string, role: EventRole): Promise<boolean> {
    const membership = await this.memberships.findOne({ where: { eventId, userId } });
    return membership?.roles.includes(role) ?? false;
  }

  /**
   * The event as the caller may see it: published and archived events for everyone (signed in or not), drafts only
   * for their organizers; otherwise 404. `roles` is empty for non-members.
   */
  async requireVisible(user: AuthenticatedUser | undefined, eventId: string): Promise<EventAccess> {
    // The event and the caller's membership in one statement, as requireMember reads them.
    const [row] = await preparedRows<MembershipColumns>(this.events.manager, this.memberSql, [eventId, user?.id ?? null]);
    if (!row) throw new NotFoundError('Event');
    const roles = user ? withAdminRole(user, row.membershipRoles ?? []) : [];
    return visibleOrNotFound(entityFromJson(this.events, row.eventRow), roles);
  }

  /** The same rule for an event already loaded (e.g. by slug). */
  async visibleAccess(user: AuthenticatedUser | undefined, event: Event): Promise<EventAccess> {
    return visibleOrNotFound(event, user ? await this.rolesOf(user, event.id) : []);
  }

  /** Any member (in any role): otherwise 404. */
  async requireMember(user: AuthenticatedUser, eventId: string): Promise<EventAccess> {
    // Every member route starts here: the event and the caller's membership in one prepared statement.
    const [row] = await preparedRows<MembershipColumns>(this.events.manager, this.memberSql, [eventId, user.id]);
    return this.accessFromRow(user, row);
  }

  /** A member holding one of `allowed`: non-members get 404, members without the role 403. */
  async requireRole(user: AuthenticatedUser, eventId: string, allowed: EventRole[]): Promise<EventAccess> {
    const access = await this.requireMember(user, eventId);
    if (!access.roles.some((role) => allowed.includes(role))) {
      throw new DomainError(ErrorCode.Forbidden, `Requires one of these event roles: ${allowed.join(', ')}`);
    }
    return access;
  }

  requireOrganizer(user: AuthenticatedUser, eventId: string): Promise<EventAccess> {
    return this.requireRole(user, eventId, [EventRole.Organizer]);
  }
}

/** Drafts are seen by their organizers only; to anyone else they do not exist. */
function visibleOrNotFound(event: Event, roles: EventRole[]): EventAccess {
  if (event.status === EventStatus.Draft && !roles.includes(EventRole.Organizer)) throw new NotFoundError('Event');
  return { event, roles };
}

/** A platform admin acts as organizer of every event. */
function withAdminRole(user: AuthenticatedUser, roles: EventRole[]): EventRole[] {
  return user.isPlatformAdmin && !roles.includes(EventRole.Organizer) ? [...roles, EventRole.Organizer] : roles;
}
