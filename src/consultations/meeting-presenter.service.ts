import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../common/database-queries';
import { toZonedIso } from '../common/time/zoned-time';
import { OrganizationsService } from '../organizations/organizations.service';
import { PersonSummary, UsersService } from '../users/users.service';
import { bookingExpired, EXPIRED_REASON } from './booking-expiry';
import { sideOf } from './consultation-access.service';
import { MeetingStatus, ParticipantSide } from './consultation.enums';
import { ConsultationRound } from './consultation-round.entity';
import { MeetingPartyResponse, MeetingResponse } from './dto/meeting.dto';
import { MeetingRequestPartyResponse } from './dto/meeting-request.dto';
import { Meeting } from './meeting.entity';
import { ProgrammeParticipant } from './programme-participant.entity';
import { RoundCatalog, RoundDetails } from './round-catalog.service';
import { RoundLocation } from './round-location.entity';

interface ParticipantFacts {
  organizationId: string | null;
  expertise: string | null;
}

/**
 * Everything a meeting or request response shows besides its own row, loaded up front in a fixed number of queries.
 * Booking loads it before its transaction opens, so the transaction itself never waits for a second connection.
 */
export interface MeetingViewContext {
  rounds: Map<string, ConsultationRound>;
  locations: Map<string, RoundLocation>;
  people: Map<string, PersonSummary>;
  /** Keyed `${programmeId}:${userId}`. */
  participants: Map<string, ParticipantFacts>;
  organizations: Map<string, string>;
  /** The message sent with each meeting's booking or request. */
  messages: Map<string, string | null>;
}

/** Builds meeting and request responses: the other party, both clocks, place, round. */
@Injectable()
export class MeetingPresenter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roundCatalog: RoundCatalog,
    private readonly usersService: UsersService,
    private readonly organizationsService: OrganizationsService,
  ) {}

  /** Responses for meetings already written, as `viewerId` sees them at `now`. */
  async many(meetings: Meeting[], viewerId: string, now: Date = new Date()): Promise<MeetingResponse[]> {
    if (meetings.length === 0) return [];
    const context = await this.contextForMeetings(meetings);
    return meetings.map((meeting) => this.present(meeting, context, viewerId, undefined, now));
  }

  async one(meeting: Meeting, viewerId: string): Promise<MeetingResponse> {
    const [response] = await this.many([meeting], viewerId);
    return response;
  }

  /** The context for meetings of one round between known people, before they exist (for booking). */
  async contextForRound(details: RoundDetails, userIds: string[]): Promise<MeetingViewContext> {
    const rounds = new Map([[details.round.id, details.round]]);
    // The participants read with the round, when it was asked about all these people: one query fewer.
    const known = details.participants.filter((participant) => userIds.includes(participant.userId));
    const base = userIds.every((userId) => known.some((participant) => participant.userId === userId))
      ? await this.contextOf(rounds, userIds, known)
      : await this.peopleContext(rounds, userIds);
    return { ...base, locations: new Map(details.locations.map((location) => [location.id, location])), messages: new Map() };
  }

  async contextForMeetings(meetings: Meeting[]): Promise<MeetingViewContext> {
    const rounds = new Map<string, ConsultationRound>();
    const locations = new Map<string, RoundLocation>();
    for (const roundId of new Set(meetings.map((meeting) => meeting.roundId))) {
      const eventId = meetings.find((meeting) => meeting.roundId === roundId)!.eventId;
      const details = await this.roundCatalog.findRound(eventId, roundId);
      if (!details) continue;
      rounds.set(roundId, details.round);
      for (const location of details.locations) locations.set(location.id, location);
    }
    const userIds = meetings.flatMap((meeting) => [meeting.hostUserId, meeting.guestUserId]);
    const [base, messageRows] = await Promise.all([
      this.peopleContext(rounds, userIds),
      queryRows<{ id: string; message: string | null }>(
        this.dataSource.manager,
        `SELECT m.id, COALESCE(r.message, (
           SELECT h.reason FROM meeting_history h WHERE h.meeting_id = m.id AND h.action = 'booked' ORDER BY h.created_at LIMIT 1
         )) AS message
         FROM meetings m LEFT JOIN meeting_requests r ON r.id = m.request_id
         WHERE m.id = ANY($1::uuid[])`,
        [meetings.map((meeting) => meeting.id)],
      ),
    ]);
    return { ...base, locations, messages: new Map(messageRows.map((row) => [row.id, row.message])) };
  }

  /** People, their programme facts and companies for rounds' programmes. */
  async peopleContext(
    rounds: Map<string, ConsultationRound>,
    userIds: string[],
  ): Promise<Pick<MeetingViewContext, 'rounds' | 'people' | 'participants' | 'organizations'>> {
    const uniqueUsers = [...new Set(userIds)];
    const programmeIds = [...new Set([...rounds.values()].map((round) => round.programmeId))];
    const [people, participantRows] = await Promise.all([
      this.usersService.findByIds(uniqueUsers),
      queryRows<ParticipantFacts & { programmeId: string; userId: string }>(
        this.dataSource.manager,
        `SELECT programme_id AS "programmeId", user_id AS "userId", organization_id AS "organizationId", expertise
         FROM programme_participants WHERE programme_id = ANY($1::uuid[]) AND user_id = ANY($2::uuid[])`,
        [programmeIds, uniqueUsers],
      ),
    ]);
    return { rounds, people, ...(await this.participantFacts(participantRows)) };
  }

  /** `peopleContext` for people whose participant rows are already read: their users and companies, read at once. */
  private async contextOf(
    rounds: Map<string, ConsultationRound>,
    userIds: string[],
    participantRows: ProgrammeParticipant[],
  ): Promise<Pick<MeetingViewContext, 'rounds' | 'people' | 'participants' | 'organizations'>> {
    const [people, facts] = await Promise.all([this.usersService.findByIds([...new Set(userIds)]), this.participantFacts(participantRows)]);
    return { rounds, people, ...facts };
  }

  private async participantFacts(
    participantRows: Array<ParticipantFacts & { programmeId: string; userId: string }>,
  ): Promise<Pick<MeetingViewContext, 'participants' | 'organizations'>> {
    const organizations = await this.organizationsService.namesByIds([
      ...new Set(participantRows.flatMap((row) => (row.organizationId ? [row.organizationId] : []))),
    ]);
    return {
      participants: new Map(participantRows.map((row) => [`${row.programmeId}:${row.userId}`, { organizationId: row.organizationId, expertise: row.expertise }])),
      organizations,
    };
  }

  /**
   * One meeting as `viewerId` sees it at `now`; pure, given the context. A booking that has expired (booking-expiry.ts)
   * reads as the worker will write it, cancelled by nobody at the close with reason "expired", whether or not the
   * worker has run yet: reads never write.
   */
  present(meeting: Meeting, context: MeetingViewContext, viewerId: string, message?: string | null, now: Date = new Date()): MeetingResponse {
    const round = context.rounds.get(meeting.roundId)!;
    const expired = bookingExpired(meeting, round, now);
    const cancellation = expired
      ? { at: round.bookingClosesAt.toISOString(), byUserId: null, reason: EXPIRED_REASON }
      : meeting.cancelledAt
        ? { at: meeting.cancelledAt.toISOString(), byUserId: meeting.cancelledById, reason: meeting.cancellationReason }
        : null;
    const yourSide = sideOf(meeting, viewerId);
    const host = this.party(meeting, ParticipantSide.Host, round, context);
    const guest = this.party(meeting, ParticipantSide.Guest, round, context);
    const location = meeting.locationId ? context.locations.get(meeting.locationId) : undefined;
    return {
      id: meeting.id,
      eventId: meeting.eventId,
      round: { id: round.id, name: round.name, position: round.position, mode: round.mode, timeZone: round.timeZone },
      status: expired ? MeetingStatus.Cancelled : meeting.status,
      version: meeting.version,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      startsAtRoundLocal: toZonedIso(meeting.startsAt, round.timeZone),
      yourSide,
      otherParty: yourSide === ParticipantSide.Host ? guest : yourSide === ParticipantSide.Guest ? host : null,
      host,
      guest,
      location: location ? { id: location.id, name: location.name, kind: location.kind } : null,
      videoLink: meeting.videoLink,
      requestId: meeting.requestId,
      message: message !== undefined ? message : (context.messages.get(meeting.id) ?? null),
      createdById: meeting.createdById,
      cancellation,
      checkedInAt: meeting.checkedInAt ? meeting.checkedInAt.toISOString() : null,
      createdAt: meeting.createdAt.toISOString(),
      updatedAt: meeting.updatedAt.toISOString(),
    };
  }

  /** A short view of a request's party. */
  requestParty(programmeId: string, userId: string, context: Pick<MeetingViewContext, 'people' | 'participants' | 'organizations'>): MeetingRequestPartyResponse {
    const facts = context.participants.get(`${programmeId}:${userId}`);
    return {
      userId,
      name: context.people.get(userId)?.name ?? '',
      organization: organizationOf(facts, context.organizations),
    };
  }

  private party(meeting: Meeting, side: ParticipantSide, round: ConsultationRound, context: MeetingViewContext): MeetingPartyResponse {
    const userId = side === ParticipantSide.Host ? meeting.hostUserId : meeting.guestUserId;
    const person = context.people.get(userId);
    const facts = context.participants.get(`${round.programmeId}:${userId}`);
    const timeZone = person?.timeZone ?? round.timeZone;
    return {
      userId,
      side,
      name: person?.name ?? '',
      organization: organizationOf(facts, context.organizations),
      expertise: facts?.expertise ?? null,
      timeZone,
      startsAtLocal: toZonedIso(meeting.startsAt, timeZone),
      endsAtLocal: toZonedIso(meeting.endsAt, timeZone),
    };
  }
}

function organizationOf(facts: ParticipantFacts | undefined, names: Map<string, string>): { id: string; name: string } | null {
  if (!facts?.organizationId) return null;
  const name = names.get(facts.organizationId);
  return name === undefined ? null : { id: facts.organizationId, name };
}
