import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { EntityManager, Repository } from 'typeorm';
import { preparedRows } from '../common/database-queries';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventAccess, EventAccessService, MembershipColumns } from '../events/event-access.service';
import { EventRole } from '../events/event.enums';
import { ParticipantSide } from './consultation.enums';
import { Meeting } from './meeting.entity';
import { ClashColumns, clashSelect, ClashProbe, KnownClash, openSlotSelect, OpenSlotColumns } from './meeting-placement.service';
import { RoundCatalog, RoundColumns, RoundDetails } from './round-catalog.service';

/** The caller's standing in an event: its roles, and whether they organize it. */
export interface ConsultationEventAccess extends EventAccess {
  isOrganizer: boolean;
}

/** A meeting as a caller may see it, and on which side of it the caller is (null: an organizer who is not a party). */
export interface MeetingAccess extends ConsultationEventAccess {
  meeting: Meeting;
  side: ParticipantSide | null;
}

export interface RoundAccess extends ConsultationEventAccess {
  details: RoundDetails;
  /** The quick clash read asked for with `clashProbe`, for MeetingPlacementService.check. */
  knownClash?: KnownClash;
}

/**
 * Who may see and act on consultation rounds and meetings. A meeting is visible to its two parties and to the event's
 * organizers; to everyone else (another startup, another investor, a non-member, another event's organizer) it answers
 * 404 exactly like a meeting that does not exist, and a malformed id is a 404 too.
 */
@Injectable()
export class ConsultationAccessService {
  /** The event, the caller's membership, the round and (when asked) the quick clash read: one statement, built once. */
  private readonly roundSql: string;

  constructor(
    private readonly eventAccess: EventAccessService,
    private readonly roundCatalog: RoundCatalog,
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
  ) {
    const member = this.eventAccess.membershipQuery('$1', '$2', '$9');
    // Without a probe ($5 null) the clash read matches nothing (clashSelect), and the open-slot reads do not run; nor do
    // they when the slot is taken, which is how most attempts in a booking rush end.
    const start = '$5::timestamptz';
    const end = `$5::timestamptz + round.slot_minutes * interval '1 minute'`;
    const openSlot = openSlotSelect('round.id', start, end, '$6::uuid[]');
    const slotFree = `${start} IS NOT NULL AND cardinality(probe."clashUserIds") = 0`;
    this.roundSql = `SELECT ${member.select}, ${this.roundCatalog.roundSelect('$4')}, probe.*,
         CASE WHEN ${slotFree} THEN ${openSlot.closed} END AS "closedUserIds",
         CASE WHEN ${slotFree} THEN ${openSlot.busy} END AS "busyPeople"
         FROM ${member.from} LEFT JOIN consultation_rounds round ON round.id = $3 AND round.event_id = event.id
         LEFT JOIN LATERAL (SELECT ${clashSelect(start, end, '$6', '$7', '$8')}) AS probe ON true
        WHERE ${member.where}`;
  }

  /** Any member of the event: otherwise 404. */
  async requireMember(user: AuthenticatedUser, eventId: string): Promise<ConsultationEventAccess> {
    return withOrganizerFlag(await this.eventAccess.requireMember(user, eventId));
  }

  /** The event's organizers (and platform admins): non-members 404, other members 403. */
  async requireOrganizer(user: AuthenticatedUser, eventId: string): Promise<ConsultationEventAccess> {
    const access = await this.eventAccess.requireOrganizer(user, eventId);
    return { ...access, isOrganizer: true };
  }

  /**
   * A round of the event, for any member of the event; 404 for non-members and rounds of other events. With
   * `participantIds`, the round's `participants` holds those of them in its programme. With `clashProbe`, the quick
   * clash read of a booking comes back too. Booking starts here, so it is all one statement: membership, round,
   * windows, locations, people and clash, where separate reads cost a round trip each.
   */
  async requireRound(user: AuthenticatedUser, eventId: string, roundId: string, participantIds: string[] = [], clashProbe?: ClashProbe): Promise<RoundAccess> {
    const [row] = await preparedRows<MembershipColumns & RoundColumns & ClashColumns & OpenSlotColumns>(this.meetings.manager, this.roundSql, [
      eventId,
      user.id,
      isUUID(roundId) ? roundId : null,
      participantIds.filter((id) => isUUID(id)),
      clashProbe?.startsAt ?? null,
      clashProbe?.people.filter((id) => isUUID(id)) ?? [],
      clashProbe?.idempotency?.userId ?? null,
      clashProbe?.idempotency?.key ?? null,
      this.eventAccess.sessionToConfirm(user),
    ]);
    const access = this.eventAccess.accessFromRow(user, row);
    const details = this.roundCatalog.detailsFromRow(row);
    if (!details) throw new NotFoundError('Round');
    const knownClash = clashProbe
      ? { ...clashProbe, found: { clashUserIds: row.clashUserIds, earlier: row.earlier, closedUserIds: row.closedUserIds, busyPeople: row.busyPeople } }
      : undefined;
    return { ...withOrganizerFlag(access), details, knownClash };
  }

  /**
   * A meeting of the event for one of its two parties only (organizers who are not a party get 404): for what is
   * private to the people who met, such as their own notes.
   */
  async requireMeetingParty(user: AuthenticatedUser, eventId: string, meetingId: string, manager?: EntityManager): Promise<MeetingAccess> {
    const access = await this.requireMeetingViewer(user, eventId, meetingId, manager);
    if (access.side === null) throw new NotFoundError('Meeting');
    return access;
  }

  /** A meeting of the event for its two parties and the event's organizers; anyone else gets 404. */
  async requireMeetingViewer(user: AuthenticatedUser, eventId: string, meetingId: string, manager?: EntityManager): Promise<MeetingAccess> {
    const access = await this.loadMeeting(user, eventId, meetingId, manager);
    if (access.side === null && !access.isOrganizer) throw new NotFoundError('Meeting');
    return access;
  }

  /**
   * Who takes attendance (check-in, no-show): the host, event staff or an organizer. The guest sees the meeting and
   * gets 403; anyone else 404.
   */
  async requireAttendanceTaker(user: AuthenticatedUser, eventId: string, meetingId: string): Promise<MeetingAccess> {
    const access = await this.loadMeeting(user, eventId, meetingId);
    const staffOrOrganizer = access.isOrganizer || access.roles.includes(EventRole.Staff);
    if (access.side === null && !staffOrOrganizer) throw new NotFoundError('Meeting');
    if (access.side === ParticipantSide.Guest && !staffOrOrganizer) {
      throw new DomainError(ErrorCode.Forbidden, 'Only the host, event staff or an organizer take attendance');
    }
    return access;
  }

  /** The meeting of the event (by id AND event) for a member of the event, with the caller's side; else 404. */
  private async loadMeeting(user: AuthenticatedUser, eventId: string, meetingId: string, manager?: EntityManager): Promise<MeetingAccess> {
    if (!isUUID(meetingId)) throw new NotFoundError('Meeting');
    const access = await this.requireMember(user, eventId);
    const repository = manager ? manager.getRepository(Meeting) : this.meetings;
    const meeting = await repository.findOne({ where: { id: meetingId, eventId } });
    if (!meeting) throw new NotFoundError('Meeting');
    return { ...access, meeting, side: sideOf(meeting, user.id) };
  }

  /**
   * The meeting's host (or, with `allowOrganizer`, an organizer too). The guest and organizers not allowed here see the
   * meeting, so they get 403; everyone else 404.
   */
  async requireMeetingHost(
    user: AuthenticatedUser,
    eventId: string,
    meetingId: string,
    options: { allowOrganizer?: boolean; manager?: EntityManager } = {},
  ): Promise<MeetingAccess> {
    const access = await this.requireMeetingViewer(user, eventId, meetingId, options.manager);
    if (access.side === ParticipantSide.Host) return access;
    if (access.side === null && options.allowOrganizer) return access;
    throw new DomainError(ErrorCode.Forbidden, 'Only the host of the meeting may do this');
  }
}

function withOrganizerFlag(access: EventAccess): ConsultationEventAccess {
  return { ...access, isOrganizer: access.roles.includes(EventRole.Organizer) };
}

/** Which side of the meeting a person is on, or null when they are not a party. */
export function sideOf(meeting: Pick<Meeting, 'hostUserId' | 'guestUserId'>, userId: string): ParticipantSide | null {
  if (meeting.hostUserId === userId) return ParticipantSide.Host;
  if (meeting.guestUserId === userId) return ParticipantSide.Guest;
  return null;
}
