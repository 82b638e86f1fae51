import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { OrganizationsService } from '../organizations/organizations.service';
import { UsersService } from '../users/users.service';
import { RegistrationStatus } from './agenda.enums';
import { AgendaSession } from './agenda-session.entity';
import { PartyResponse, SessionResponse, SpeakerResponse } from './dto/session.dto';
import { SessionParty } from './session-party.entity';
import { SessionRegistration } from './session-registration.entity';
import { SessionSpeaker } from './session-speaker.entity';

/** Builds session responses with their speakers, parties and the viewer's registration, in a fixed number of queries. */
@Injectable()
export class SessionPresenter {
  constructor(
    @InjectRepository(SessionSpeaker) private readonly speakers: Repository<SessionSpeaker>,
    @InjectRepository(SessionParty) private readonly parties: Repository<SessionParty>,
    @InjectRepository(SessionRegistration) private readonly registrations: Repository<SessionRegistration>,
    private readonly usersService: UsersService,
    private readonly organizationsService: OrganizationsService,
  ) {}

  async one(session: AgendaSession, timeZone: string, viewerId: string | undefined): Promise<SessionResponse> {
    const [response] = await this.many([session], () => timeZone, viewerId);
    return response;
  }

  /** `timeZoneOf` gives each session's event zone (sessions of several events appear in a personal agenda). */
  async many(
    sessions: AgendaSession[],
    timeZoneOf: (session: AgendaSession) => string,
    viewerId: string | undefined,
  ): Promise<SessionResponse[]> {
    if (sessions.length === 0) return [];
    const sessionIds = sessions.map((session) => session.id);
    const [speakers, parties, mine] = await Promise.all([
      this.speakers.find({ where: { sessionId: In(sessionIds) }, order: { sortOrder: 'ASC' } }),
      this.parties.find({ where: { sessionId: In(sessionIds) }, order: { sortOrder: 'ASC' } }),
      viewerId ? this.registrations.find({ where: { sessionId: In(sessionIds), userId: viewerId } }) : Promise.resolve([]),
    ]);
    const [people, organizationNames] = await Promise.all([
      this.usersService.findByIds([...new Set(speakers.flatMap((speaker) => (speaker.userId ? [speaker.userId] : [])))]),
      this.organizationsService.namesByIds([...new Set(parties.flatMap((party) => (party.organizationId ? [party.organizationId] : [])))]),
    ]);
    const myStatus = new Map<string, RegistrationStatus>(mine.map((registration) => [registration.sessionId, registration.status]));
    return sessions.map((session) =>
      SessionResponse.fromParts(
        session,
        timeZoneOf(session),
        speakers
          .filter((speaker) => speaker.sessionId === session.id)
          .map((speaker) => SpeakerResponse.from(speaker, speaker.userId ? people.get(speaker.userId)?.name : undefined)),
        parties.filter((party) => party.sessionId === session.id).map((party) => PartyResponse.from(party, organizationNames)),
        myStatus.get(session.id) ?? null,
      ),
    );
  }
}
