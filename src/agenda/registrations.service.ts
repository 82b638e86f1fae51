import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isConstraintViolation, queryRows } from '../common/database-queries';
import { DomainError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventAccessService } from '../events/event-access.service';
import { EventMembersService } from '../events/event-members.service';
import { EventRole } from '../events/event.enums';
import { UsersService } from '../users/users.service';
import { RegistrationStatus, SessionVisibility } from './agenda.enums';
import { AddRegistrationDto, RegistrationResponse, RegistrationRow, SessionRegistrantResponse } from './dto/registration.dto';
import { SessionAccessService } from './session-access.service';
import { maySelfRegister } from './session-visibility';

/** A registration with its place in the waitlist (first come, first served; ties broken by user id). */
const REGISTRATION_COLUMNS = `
  r.session_id AS "sessionId", r.user_id AS "userId", r.status::text AS status, r.created_at AS "createdAt",
  CASE WHEN r.status = 'waitlisted' THEN (
    SELECT count(*)::int FROM session_registrations w
    WHERE w.session_id = r.session_id AND w.status = 'waitlisted' AND (w.created_at, w.user_id) <= (r.created_at, r.user_id)
  ) END AS "waitlistPosition"`;

/**
 * Seats and waitlists. A seat is taken by one conditional UPDATE of the session's counter (the row lock makes
 * concurrent registrations queue, and the condition is re-checked on the latest count), then the registration row is
 * inserted in the same transaction; so the count never passes the capacity and always matches the rows.
 * Every write path locks the session row before a registration row, so they cannot deadlock each other.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventAccess: EventAccessService,
    private readonly eventMembers: EventMembersService,
    private readonly sessionAccess: SessionAccessService,
    private readonly usersService: UsersService,
  ) {}

  /**
   * Registers the caller: anyone signed in for a public session, members for a members session; invited sessions are
   * filled by organizers. A full session puts the caller on its waitlist if it has one, else refuses.
   */
  async register(user: AuthenticatedUser, eventId: string, sessionId: string): Promise<RegistrationResponse> {
    const { session, roles, registration } = await this.sessionAccess.requireVisibleSession(user, eventId, sessionId);
    if (registration) throw alreadyRegistered(registration);
    if (!maySelfRegister(session.visibility) && !roles.includes(EventRole.Organizer)) {
      throw new DomainError(ErrorCode.Forbidden, 'Organizers add people to invited sessions');
    }
    return RegistrationResponse.from(await this.enrol(sessionId, user.id, true));
  }

  /** Gives up the caller's seat (freeing it) or place on the waitlist. */
  async cancel(user: AuthenticatedUser, eventId: string, sessionId: string): Promise<void> {
    await this.eventAccess.requireVisible(user, eventId);
    if (await this.withdraw(eventId, sessionId, user.id)) return;
    // Only someone who may see the session learns that it exists but they hold no registration.
    await this.sessionAccess.requireVisibleSession(user, eventId, sessionId);
    throw new NotFoundError('Registration');
  }

  /** Organizers: seats first, then the waitlist in its order. */
  async list(user: AuthenticatedUser, eventId: string, sessionId: string): Promise<SessionRegistrantResponse[]> {
    await this.sessionAccess.requireOrganizerSession(user, eventId, sessionId);
    const rows: RegistrationRow[] = await this.dataSource.query(
      `SELECT ${REGISTRATION_COLUMNS} FROM session_registrations r WHERE r.session_id = $1
       ORDER BY r.status, r.created_at, r.user_id`,
      [sessionId],
    );
    const people = await this.usersService.findByIds(rows.map((row) => row.userId));
    return rows.map((row) => SessionRegistrantResponse.fromPerson(row, people.get(row.userId) ?? { name: '', email: '' }));
  }

  /**
   * Organizers register (or, for an invited session, invite) someone. They take a free seat even while others wait,
   * as the organizer decides; a full session waitlists them if it has a waitlist, else refuses.
   */
  async add(user: AuthenticatedUser, eventId: string, sessionId: string, dto: AddRegistrationDto): Promise<RegistrationResponse> {
    const { session } = await this.sessionAccess.requireOrganizerSession(user, eventId, sessionId);
    if (session.visibility === SessionVisibility.Members) {
      const members = await this.eventMembers.list(user, eventId);
      if (!members.some((member) => member.userId === dto.userId)) {
        throw new ValidationError([{ field: 'userId', messages: ['userId must be a member of the event for a members session'] }]);
      }
    }
    return RegistrationResponse.from(await this.enrol(sessionId, dto.userId, false));
  }

  /** Organizers move someone from the waitlist to a seat; a full session refuses. Promoting a seated person is a no-op. */
  async promote(user: AuthenticatedUser, eventId: string, sessionId: string, userId: string): Promise<RegistrationResponse> {
    await this.sessionAccess.requireOrganizerSession(user, eventId, sessionId);
    const row = await this.dataSource.transaction(async (manager) => {
      if (!(await lockSessionRow(manager, eventId, sessionId))) throw new NotFoundError('Session');
      const [registration] = await queryRows<{ status: RegistrationStatus }>(
        manager,
        'SELECT status::text AS status FROM session_registrations WHERE session_id = $1 AND user_id = $2 FOR UPDATE',
        [sessionId, userId],
      );
      if (!registration) throw new NotFoundError('Registration');
      if (registration.status === RegistrationStatus.Waitlisted) {
        if (!(await takeSeat(manager, sessionId, false))) throw sessionFull();
        await manager.query(`UPDATE session_registrations SET status = 'registered' WHERE session_id = $1 AND user_id = $2`, [
          sessionId,
          userId,
        ]);
      }
      return readRegistration(manager, sessionId, userId);
    });
    return RegistrationResponse.from(row);
  }

  /** Organizers take someone off the session (freeing their seat, if they had one). */
  async removeRegistration(user: AuthenticatedUser, eventId: string, sessionId: string, userId: string): Promise<void> {
    await this.sessionAccess.requireOrganizerSession(user, eventId, sessionId);
    if (!(await this.withdraw(eventId, sessionId, userId))) throw new NotFoundError('Registration');
  }

  /** Takes a seat, or a place on the waitlist, and records it, in one transaction. */
  private async enrol(sessionId: string, userId: string, queueFirst: boolean): Promise<RegistrationRow> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        let status = RegistrationStatus.Registered;
        if (!(await takeSeat(manager, sessionId, queueFirst))) {
          // Joins of the waitlist queue on the session row too: each commits before the next starts, so the order
          // of their timestamps is the order they committed, and the place a person is told never gets worse.
          const [session] = await queryRows<{ waitlistEnabled: boolean }>(
            manager,
            'SELECT waitlist_enabled AS "waitlistEnabled" FROM agenda_sessions WHERE id = $1 FOR NO KEY UPDATE',
            [sessionId],
          );
          if (!session) throw new NotFoundError('Session');
          if (!session.waitlistEnabled) throw sessionFull();
          status = RegistrationStatus.Waitlisted;
        }
        // clock_timestamp, not now(): the waitlist runs in the order rows were written, not transactions begun.
        await manager.query(
          `INSERT INTO session_registrations (session_id, user_id, status, created_at) VALUES ($1, $2, $3, clock_timestamp())`,
          [sessionId, userId, status],
        );
        return readRegistration(manager, sessionId, userId);
      });
    } catch (error) {
      if (isConstraintViolation(error, 'session_registrations_pkey')) throw alreadyRegistered(null);
      if (isConstraintViolation(error, 'session_registrations_user_fk')) throw new ValidationError([{ field: 'userId', messages: ['no such person'] }]);
      if (isConstraintViolation(error, 'session_registrations_session_fk')) throw new NotFoundError('Session');
      throw error;
    }
  }

  /** Deletes a registration and, if it held a seat, frees the seat, in one transaction. False if there was none. */
  private withdraw(eventId: string, sessionId: string, userId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await lockSessionRow(manager, eventId, sessionId))) return false;
      const [removed] = await queryRows<{ status: RegistrationStatus }>(
        manager,
        'DELETE FROM session_registrations WHERE session_id = $1 AND user_id = $2 RETURNING status::text AS status',
        [sessionId, userId],
      );
      if (!removed) return false;
      if (removed.status === RegistrationStatus.Registered) {
        await manager.query('UPDATE agenda_sessions SET registered_count = registered_count - 1 WHERE id = $1', [sessionId]);
      }
      return true;
    });
  }
}

/**
 * The seat, taken in one conditional statement. With `queueFirst` (self-registration), a session whose waitlist has
 * people on it gives its free seats to them (through an organizer's promotion), not to newcomers.
 */
async function takeSeat(manager: EntityManager, sessionId: string, queueFirst: boolean): Promise<boolean> {
  const queue = queueFirst
    ? `AND NOT (waitlist_enabled AND EXISTS (
         SELECT 1 FROM session_registrations w WHERE w.session_id = $1 AND w.status = 'waitlisted'))`
    : '';
  const taken = await queryRows<{ id: string }>(
    manager,
    `UPDATE agenda_sessions SET registered_count = registered_count + 1
     WHERE id = $1 AND (capacity IS NULL OR registered_count < capacity) ${queue}
     RETURNING id`,
    [sessionId],
  );
  return taken.length > 0;
}

/** FOR NO KEY UPDATE: serializes seat changes without blocking inserts that only reference the session. */
async function lockSessionRow(manager: EntityManager, eventId: string, sessionId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(manager, 'SELECT id FROM agenda_sessions WHERE id = $1 AND event_id = $2 FOR NO KEY UPDATE', [
    sessionId,
    eventId,
  ]);
  return rows.length > 0;
}

async function readRegistration(manager: EntityManager, sessionId: string, userId: string): Promise<RegistrationRow> {
  const [row] = await queryRows<RegistrationRow>(
    manager,
    `SELECT ${REGISTRATION_COLUMNS} FROM session_registrations r WHERE r.session_id = $1 AND r.user_id = $2`,
    [sessionId, userId],
  );
  return row;
}

function sessionFull(): DomainError {
  return new DomainError(ErrorCode.SessionFull, 'All seats of this session are taken');
}

function alreadyRegistered(status: RegistrationStatus | null): DomainError {
  const detail = status === RegistrationStatus.Waitlisted ? 'You are on the waitlist of this session' : 'Already registered for this session';
  return new DomainError(ErrorCode.AlreadyRegistered, detail);
}
