import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-error';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventAccessService } from '../events/event-access.service';
import { EventRole } from '../events/event.enums';
import { Event } from '../events/event.entity';
import { RegistrationStatus } from './agenda.enums';
import { AgendaSession } from './agenda-session.entity';
import { SessionRegistration } from './session-registration.entity';
import { SessionSpeaker } from './session-speaker.entity';
import { canSeeSession } from './session-visibility';

export interface SessionContext {
  event: Event;
  roles: EventRole[];
  session: AgendaSession;
  isSpeaker: boolean;
  registration: RegistrationStatus | null;
}

/**
 * Loads a session for a caller. A session the caller may not see answers exactly like one that does not exist (404),
 * so titles of members-only or invited sessions never leak.
 */
@Injectable()
export class SessionAccessService {
  constructor(
    private readonly eventAccess: EventAccessService,
    @InjectRepository(AgendaSession) private readonly sessions: Repository<AgendaSession>,
    @InjectRepository(SessionSpeaker) private readonly speakers: Repository<SessionSpeaker>,
    @InjectRepository(SessionRegistration) private readonly registrations: Repository<SessionRegistration>,
  ) {}

  async requireVisibleSession(user: AuthenticatedUser | undefined, eventId: string, sessionId: string): Promise<SessionContext> {
    const { event, roles } = await this.eventAccess.requireVisible(user, eventId);
    const session = await this.sessions.findOne({ where: { id: sessionId, eventId } });
    if (!session) throw new NotFoundError('Session');
    const [isSpeaker, registration] = user
      ? await Promise.all([
          this.speakers.exists({ where: { sessionId, userId: user.id } }),
          this.registrations.findOne({ where: { sessionId, userId: user.id } }),
        ])
      : [false, null];
    const viewer = {
      isOrganizer: roles.includes(EventRole.Organizer),
      isMember: roles.length > 0,
      isSpeaker,
      isRegistered: registration !== null,
    };
    if (!canSeeSession(session.visibility, viewer)) throw new NotFoundError('Session');
    return { event, roles, session, isSpeaker, registration: registration?.status ?? null };
  }

  /** For organizer routes: the event's organizers only (others 404, members 403), and the session must be the event's. */
  async requireOrganizerSession(
    user: AuthenticatedUser,
    eventId: string,
    sessionId: string,
  ): Promise<{ event: Event; roles: EventRole[]; session: AgendaSession }> {
    const access = await this.eventAccess.requireOrganizer(user, eventId);
    const session = await this.sessions.findOne({ where: { id: sessionId, eventId } });
    if (!session) throw new NotFoundError('Session');
    return { ...access, session };
  }
}
