import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { preparedRows } from '../common/database-queries';
import { entityFromJson, entityJsonObject } from '../common/entity-rows';
import { liveSessionSql } from '../auth/live-session';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventMembership } from './event-membership.entity';
import { EventRole, EventStatus } from './event.enums';
import { Event } from './event.entity';

export interface EventAccess {
  event: Event;
  /** The caller's roles in the event; a platform admin acts as organizer. */
  roles: EventRole[];
}

/** The columns `membershipQuery().select` gives: always one row, with no event row when there is no such event. */
export interface MembershipColumns {
  eventRow: Record<string, unknown> | null;
  membershipRoles: EventRole[] | null;
  /** False only when the caller's session was to be confirmed here and is signed out. */
  sessionLive: boolean;
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
    const member = this.membershipQuery('$1', '$2', '$3');
    this.memberSql = `SELECT ${member.select} FROM ${member.from} WHERE ${member.where}`;
  }

  /**
   * The membership read for another module's statement; the parameters are its placeholders for the event, the caller
   * and the session to confirm (`sessionToConfirm`). It gives one row even for no such event, so that a signed-out
   * session is told so (401) whatever it asks for.
   */
  membershipQuery(eventParameter: string, userParameter: string, sessionParameter: string): MembershipQuery {
    return {
      select: `CASE WHEN event.id IS NULL THEN NULL ELSE ${this.eventJson} END AS "eventRow", membership.roles::text[] AS "membershipRoles",
               (${sessionParameter}::uuid IS NULL OR ${liveSessionSql(`${sessionParameter}::uuid`, `${userParameter}::uuid`)}) AS "sessionLive"`,
      from: `(SELECT 1) AS caller
             LEFT JOIN events event ON event.id = ${eventParameter}
             LEFT JOIN event_memberships membership ON membership.event_id = event.id AND membership.user_id = ${userParameter}`,
      where: 'true',
    };
  }

  /** The session id for `membershipQuery` to confirm: the caller's when the route guard left it to this read, else null. */
  sessionToConfirm(user: AuthenticatedUser | undefined): string | null {
    return user?.sessionUnconfirmed ? user.sessionId : null;
  }

  /** requireMember's rule on the row of `membershipQuery`: 401 for a signed-out session, 404 unless a member. */
  accessFromRow(user: AuthenticatedUser, row: MembershipColumns | undefined): EventAccess {
    const event = this.eventFromRow(user, row);
    const roles = withAdminRole(user, row?.membershipRoles ?? []);
    if (roles.length === 0) throw new NotFoundError('Event');
    return { event, roles };
  }

  /** The event of a `membershipQuery` row: 401 for a session the read was to confirm and did not, 404 for no event. */
  private eventFromRow(user: AuthenticatedUser | undefined, row: MembershipColumns | undefined): Event {
    if (user?.sessionUnconfirmed && row?.sessionLive !== true) throw new DomainError(ErrorCode.Unauthenticated, 'A valid access token is required');
    if (!row?.eventRow) throw new NotFoundError('Event');
    return entityFromJson(this.events, row.eventRow);
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
    const [row] = await preparedRows<MembershipColumns>(this.events.manager, this.memberSql, [eventId, user?.id ?? null, this.sessionToConfirm(user)]);
    const event = this.eventFromRow(user, row);
    return visibleOrNotFound(event, user ? withAdminRole(user, row?.membershipRoles ?? []) : []);
  }

  /** The same rule for an event already loaded (e.g. by slug). */
  async visibleAccess(user: AuthenticatedUser | undefined, event: Event): Promise<EventAccess> {
    return visibleOrNotFound(event, user ? await this.rolesOf(user, event.id) : []);
  }

  /** Any member (in any role): otherwise 404. */
  async requireMember(user: AuthenticatedUser, eventId: string): Promise<EventAccess> {
    // Every member route starts here: the event and the caller's membership in one prepared statement.
    const [row] = await preparedRows<MembershipColumns>(this.events.manager, this.memberSql, [eventId, user.id, this.sessionToConfirm(user)]);
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
