import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isConstraintViolation, queryRows } from '../common/database-queries';
import { DomainError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { NotificationKind } from '../notifications/notification.enums';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { ConsultationAccessService, ConsultationEventAccess } from './consultation-access.service';
import { ConfirmationRule, MeetingStatus, ParticipantSide, RequestStatus } from './consultation.enums';
import { ConsultationRound } from './consultation-round.entity';
import { MeetingResponse } from './dto/meeting.dto';
import {
  CreateMeetingRequestDto,
  DeclineMeetingRequestDto,
  ListMeetingRequestsQuery,
  MeetingRequestResponse,
  PlaceMeetingRequestDto,
} from './dto/meeting-request.dto';
import { IdempotencyService, IdempotentAnswer, requestFingerprint } from './idempotency.service';
import {
  bookingClosed,
  hostCapReached,
  hostMeetingsSubject,
  MeetingPlacementService,
  parseSlotTime,
  requireBookingOpen,
  requireInitiator,
  takeGuestRequest,
} from './meeting-placement.service';
import { MeetingPresenter, MeetingViewContext } from './meeting-presenter.service';
import { MeetingRequest } from './meeting-request.entity';
import { MeetingsService } from './meetings.service';
import { RoundCatalog, RoundDetails } from './round-catalog.service';

interface RequestAccess extends ConsultationEventAccess {
  request: MeetingRequest;
  details: RoundDetails;
  /** The caller's side of the request; null for an organizer who is neither. */
  side: ParticipantSide | null;
}

type PeopleContext = Pick<MeetingViewContext, 'people' | 'participants' | 'organizations'>;

/** A request that passed the checks needing no lock: who asks whom, in which round. */
interface CheckedRequest {
  round: ConsultationRound;
  senderSide: ParticipantSide;
  hostUserId: string;
  guestUserId: string;
}

/** A host's request that passed checkHostRequest, for requestForHost. */
export type HostRequestCheck = CheckedRequest;

export interface HostRequestInput {
  eventId: string;
  roundId: string;
  hostUserId: string;
  /** The company asked; the request goes to its guest in the round's programme. */
  guestOrganizationId: string;
}

export interface HostRequestResult {
  requestId: string;
  roundId: string;
  guestUserId: string;
  status: RequestStatus;
}

/**
 * Requests for a meeting in a round: one side asks, the other accepts or declines, the asker may withdraw. Pending
 * requests expire when the round's booking window closes: they read as expired at once, and are marked so by one
 * UPDATE whenever the round's requests are listed or touched. An accepted request is put in a slot by either side
 * (POST .../place) or by an organizer, through MeetingPlacementService.
 */
@Injectable()
export class MeetingRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MeetingRequest) private readonly requests: Repository<MeetingRequest>,
    private readonly access: ConsultationAccessService,
    private readonly roundCatalog: RoundCatalog,
    private readonly placement: MeetingPlacementService,
    private readonly presenter: MeetingPresenter,
    private readonly idempotency: IdempotencyService,
    private readonly meetingsService: MeetingsService,
    private readonly outbox: NotificationOutbox,
  ) {}

  /** A host or guest of the programme asks someone of the other side, while booking is open. */
  async create(
    user: AuthenticatedUser,
    eventId: string,
    roundId: string,
    dto: CreateMeetingRequestDto,
    key: string | undefined,
  ): Promise<IdempotentAnswer<MeetingRequestResponse>> {
    const { details } = await this.access.requireRound(user, eventId, roundId);
    const call = {
      userId: user.id,
      key,
      fingerprint: requestFingerprint('POST', `/events/${eventId}/consultation-rounds/${roundId}/requests`, dto),
      status: 201,
    };
    const stored = await this.idempotency.lookup<MeetingRequestResponse>(call);
    if (stored) return stored;
    const { round } = details;
    const checked = await this.checkRequest(details, user.id, dto.toUserId);
    const context = await this.presenter.peopleContext(new Map([[round.id, round]]), [checked.hostUserId, checked.guestUserId]);
    return this.dataSource.transaction((manager) =>
      this.idempotency.run(manager, call, async () => {
        const row = await this.insertRequest(manager, checked, dto.message ?? null, dto.priority ?? 3);
        return this.present(row, round, context, user.id);
      }),
    );
  }

  /**
   * For other modules: a host asks a company's guest for a meeting on their own behalf (an investor's "want to meet"
   * after an IR pitch), in the caller's transaction, under exactly the rules of POST .../requests: the round must let
   * hosts ask and be open for booking, the pair eligible, no open request between them, the host's meeting cap not
   * reached. The guest is whoever meets for `guestOrganizationId` in the round's programme. These rules are read here,
   * before the caller's transaction opens (a transaction waiting for a second connection of the pool starves it under
   * load); requestForHost then writes the request in it.
   */
  async checkHostRequest(input: HostRequestInput): Promise<HostRequestCheck> {
    const details = await this.roundCatalog.findRound(input.eventId, input.roundId);
    if (!details) throw new NotFoundError('Round');
    const host = await this.roundCatalog.participant(details.round.programmeId, input.hostUserId);
    if (host?.side !== ParticipantSide.Host) {
      throw new DomainError(ErrorCode.NotProgrammeParticipant, 'Only hosts of the consultation programme ask startups for a meeting this way');
    }
    const guest = await this.roundCatalog.guestOfOrganization(details.round.programmeId, input.guestOrganizationId);
    if (!guest) {
      throw new DomainError(ErrorCode.NoGuestForOrganization, 'Nobody of this startup is a guest of the consultation programme, so no request can go to it');
    }
    return this.checkRequest(details, input.hostUserId, guest.userId);
  }

  /** Writes a request checked by checkHostRequest, in the caller's transaction (its caps are taken there). */
  async requestForHost(manager: EntityManager, check: HostRequestCheck, message: string | null): Promise<HostRequestResult> {
    const row = await this.insertRequest(manager, check, message, 3);
    return { requestId: row.id, roundId: row.roundId, guestUserId: row.guestUserId, status: row.status };
  }

  /** The rules of sending a request, that need no lock: who may ask whom in the round, and when. */
  private async checkRequest(details: RoundDetails, senderUserId: string, toUserId: string): Promise<CheckedRequest> {
    const { round } = details;
    const me = await this.roundCatalog.participant(round.programmeId, senderUserId);
    if (!me) throw new DomainError(ErrorCode.NotProgrammeParticipant, 'Only hosts and guests of this programme send requests');
    if (toUserId === senderUserId) throw new ValidationError([{ field: 'toUserId', messages: ['you cannot ask yourself for a meeting'] }]);
    const other = await this.roundCatalog.participant(round.programmeId, toUserId);
    const otherSide = me.side === ParticipantSide.Guest ? ParticipantSide.Host : ParticipantSide.Guest;
    if (other?.side !== otherSide) {
      throw new ValidationError([{ field: 'toUserId', messages: [`toUserId is not a ${otherSide} of this programme`] }]);
    }
    requireInitiator(round, me.side);
    requireBookingOpen(round);
    const [hostUserId, guestUserId] = me.side === ParticipantSide.Host ? [senderUserId, toUserId] : [toUserId, senderUserId];
    await this.placement.requireEligible(details, hostUserId, guestUserId);
    if (me.side === ParticipantSide.Host) await this.requireHostMeetingsLeft(round, hostUserId);
    return { round, senderSide: me.side, hostUserId, guestUserId };
  }

  /**
   * A host whose meetings cap is already reached could never have a request placed: refused at once. (Requests take no
   * quota of their own; placing the meeting takes it, in one conditional UPDATE, and that is what keeps the cap.)
   */
  private async requireHostMeetingsLeft(round: ConsultationRound, hostUserId: string): Promise<void> {
    if (round.maxMeetingsPerHost === null) return;
    const [quota] = await queryRows<{ used: number }>(
      this.dataSource.manager,
      'SELECT used FROM round_quotas WHERE round_id = $1 AND subject = $2',
      [round.id, hostMeetingsSubject(hostUserId)],
    );
    if ((quota?.used ?? 0) >= round.maxMeetingsPerHost) {
      throw hostCapReached(round.maxMeetingsPerHost);
    }
  }

  /** The write, in the caller's transaction: the guest's request quota (when a guest asks), then the request. */
  private async insertRequest(manager: EntityManager, checked: CheckedRequest, message: string | null, priority: number): Promise<MeetingRequest> {
    const { round, hostUserId, guestUserId } = checked;
    if (checked.senderSide === ParticipantSide.Guest) await takeGuestRequest(manager, round, guestUserId);
    let request: MeetingRequest;
    try {
      [request] = await queryRows<MeetingRequest>(
        manager,
        `INSERT INTO meeting_requests (round_id, event_id, host_user_id, guest_user_id, initiated_by, message, priority)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${REQUEST_COLUMNS}`,
        [round.id, round.eventId, hostUserId, guestUserId, checked.senderSide, message, priority],
      );
    } catch (error) {
      if (isConstraintViolation(error, 'meeting_requests_one_open_per_pair')) {
        throw new DomainError(ErrorCode.RequestAlreadyOpen, 'A pending or accepted request between you two already exists in this round');
      }
      throw error;
    }
    // The other side hears of it through the outbox, in this transaction.
    await this.outbox.requestChanged(manager, {
      kind: NotificationKind.RequestReceived,
      requestId: request.id,
      eventId: round.eventId,
      roundId: round.id,
      recipientUserId: checked.senderSide === ParticipantSide.Guest ? hostUserId : guestUserId,
    });
    return request;
  }

  /** Your requests, sent and received (organizers: all of the event); `box` narrows to one direction. */
  async list(user: AuthenticatedUser, eventId: string, query: ListMeetingRequestsQuery): Promise<MeetingRequestResponse[]> {
    const { isOrganizer } = await this.access.requireMember(user, eventId);
    await this.expireClosedRounds(eventId);
    const parameters: unknown[] = [eventId];
    const bind = (value: unknown): string => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    const conditions = ['r.event_id = $1'];
    if (!isOrganizer || query.box) {
      const me = bind(user.id);
      if (!isOrganizer) conditions.push(`(r.host_user_id = ${me} OR r.guest_user_id = ${me})`);
      if (query.box) {
        const sent = `((r.host_user_id = ${me} AND r.initiated_by = 'host') OR (r.guest_user_id = ${me} AND r.initiated_by = 'guest'))`;
        const received = `((r.host_user_id = ${me} AND r.initiated_by = 'guest') OR (r.guest_user_id = ${me} AND r.initiated_by = 'host'))`;
        conditions.push(query.box === 'sent' ? sent : received);
      }
    }
    if (query.roundId) conditions.push(`r.round_id = ${bind(query.roundId)}`);
    if (query.status) conditions.push(`r.status = ${bind(query.status)}`);
    parameters.push(query.limit ?? 200);
    const rows = await queryRows<MeetingRequest>(
      this.dataSource.manager,
      `SELECT ${requestColumns('r')}
       FROM meeting_requests r WHERE ${conditions.join(' AND ')}
       ORDER BY r.created_at DESC, r.id LIMIT $${parameters.length}`,
      parameters,
    );
    if (rows.length === 0) return [];
    const rounds = new Map<string, ConsultationRound>();
    for (const roundId of new Set(rows.map((row) => row.roundId))) {
      const details = await this.roundCatalog.findRound(eventId, roundId);
      if (details) rounds.set(roundId, details.round);
    }
    const context = await this.presenter.peopleContext(
      rounds,
      rows.flatMap((row) => [row.hostUserId, row.guestUserId]),
    );
    return rows.filter((row) => rounds.has(row.roundId)).map((row) => this.present(row, rounds.get(row.roundId)!, context, user.id));
  }

  async get(user: AuthenticatedUser, eventId: string, requestId: string): Promise<MeetingRequestResponse> {
    const { request, details } = await this.requireRequest(user, eventId, requestId);
    return this.presentOne(request, details.round, user.id);
  }

  /** The person asked accepts a pending request; it then waits to be placed in a slot. */
  async accept(user: AuthenticatedUser, eventId: string, requestId: string): Promise<MeetingRequestResponse> {
    const { request, details, side } = await this.requireRequest(user, eventId, requestId);
    requireReceiver(request, side, 'accept');
    return this.answer(user, request, details, RequestStatus.Accepted, null);
  }

  /** The person asked declines a pending request, with a reason if they like. */
  async decline(user: AuthenticatedUser, eventId: string, requestId: string, dto: DeclineMeetingRequestDto): Promise<MeetingRequestResponse> {
    const { request, details, side } = await this.requireRequest(user, eventId, requestId);
    requireReceiver(request, side, 'decline');
    return this.answer(user, request, details, RequestStatus.Declined, dto.reason ?? null);
  }

  /** The asker takes back a request not yet placed in a slot. */
  async withdraw(user: AuthenticatedUser, eventId: string, requestId: string): Promise<MeetingRequestResponse> {
    const { request, details, side } = await this.requireRequest(user, eventId, requestId);
    if (side !== request.initiatedBy) throw new DomainError(ErrorCode.Forbidden, 'Only the person who sent the request may withdraw it');
    await this.expireIfClosed(details.round);
    const [row] = await queryRows<MeetingRequest>(
      this.dataSource.manager,
      `UPDATE meeting_requests SET status = 'withdrawn', updated_at = now()
       WHERE id = $1 AND status IN ('pending', 'accepted') RETURNING ${REQUEST_COLUMNS}`,
      [request.id],
    );
    if (!row) throw await this.notPending(request.id, 'Only a pending or accepted request can be withdrawn');
    return this.presentOne(row, details.round, user.id);
  }

  /**
   * Puts an accepted request in a slot free for both: either side (while booking is open, unless organizers schedule
   * this round) or an organizer. The meeting is confirmed, as both sides agreed; the request becomes `scheduled`.
   */
  async place(user: AuthenticatedUser, eventId: string, requestId: string, dto: PlaceMeetingRequestDto): Promise<MeetingResponse> {
    const { request, details, isOrganizer } = await this.requireRequest(user, eventId, requestId);
    const { round } = details;
    if (request.status !== RequestStatus.Accepted) {
      throw new DomainError(ErrorCode.RequestNotAccepted, `Only an accepted request can be placed in a slot (this one is ${request.status})`);
    }
    if (!isOrganizer) {
      if (round.confirmation === ConfirmationRule.OrganizerSchedules) {
        throw new DomainError(ErrorCode.BookingNotAllowed, 'Organizers place the accepted requests of this round');
      }
      requireBookingOpen(round);
    }
    const answer = await this.meetingsService.placeOnce(
      user,
      { userId: user.id, key: undefined, fingerprint: '', status: 201 },
      {
        details,
        hostUserId: request.hostUserId,
        guestUserId: request.guestUserId,
        startsAt: parseSlotTime(dto.startsAt, round.timeZone),
        locationId: dto.locationId ?? null,
        requestId: request.id,
        status: MeetingStatus.Confirmed,
        actor: user,
      },
      request.message,
    );
    return answer.body;
  }

  /** A request of the event for its two people and the event's organizers; anyone else 404. */
  private async requireRequest(user: AuthenticatedUser, eventId: string, requestId: string): Promise<RequestAccess> {
    if (!isUUID(requestId)) throw new NotFoundError('Request');
    const access = await this.access.requireMember(user, eventId);
    const request = await this.requests.findOne({ where: { id: requestId, eventId } });
    if (!request) throw new NotFoundError('Request');
    const side = request.hostUserId === user.id ? ParticipantSide.Host : request.guestUserId === user.id ? ParticipantSide.Guest : null;
    if (side === null && !access.isOrganizer) throw new NotFoundError('Request');
    const details = await this.roundCatalog.findRound(eventId, request.roundId);
    if (!details) throw new NotFoundError('Request');
    return { ...access, request, details, side };
  }

  private async answer(
    user: AuthenticatedUser,
    request: MeetingRequest,
    details: RoundDetails,
    status: RequestStatus.Accepted | RequestStatus.Declined,
    reason: string | null,
  ): Promise<MeetingRequestResponse> {
    await this.expireIfClosed(details.round);
    const row = await this.dataSource.transaction(async (manager) => {
      const [answered] = await queryRows<MeetingRequest>(
        manager,
        `UPDATE meeting_requests SET status = $2, decline_reason = $3, responded_at = now(), updated_at = now()
         WHERE id = $1 AND status = 'pending' RETURNING ${REQUEST_COLUMNS}`,
        [request.id, status, reason],
      );
      if (!answered) return undefined;
      // The asker hears the answer.
      await this.outbox.requestChanged(manager, {
        kind: status === RequestStatus.Accepted ? NotificationKind.RequestAccepted : NotificationKind.RequestDeclined,
        requestId: request.id,
        eventId: request.eventId,
        roundId: request.roundId,
        recipientUserId: request.initiatedBy === ParticipantSide.Host ? request.hostUserId : request.guestUserId,
        reason,
      });
      return answered;
    });
    if (!row) throw await this.notPending(request.id, `Only a pending request can be ${status}`);
    return this.presentOne(row, details.round, user.id);
  }

  /** Pending requests of a round whose booking window has closed become expired: one UPDATE. */
  private async expireIfClosed(round: ConsultationRound): Promise<void> {
    if (!bookingClosed(round)) return;
    await this.dataSource.query(`UPDATE meeting_requests SET status = 'expired', updated_at = now() WHERE round_id = $1 AND status = 'pending'`, [round.id]);
  }

  /** The same for every closed round of the event, before listing its requests: one UPDATE. */
  private async expireClosedRounds(eventId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE meeting_requests r SET status = 'expired', updated_at = now()
       FROM consultation_rounds c
       WHERE c.id = r.round_id AND r.event_id = $1 AND r.status = 'pending' AND c.booking_closes_at <= now()`,
      [eventId],
    );
  }

  private async notPending(requestId: string, detail: string): Promise<DomainError> {
    const [row] = await queryRows<{ status: RequestStatus }>(this.dataSource.manager, 'SELECT status::text AS status FROM meeting_requests WHERE id = $1', [
      requestId,
    ]);
    return new DomainError(ErrorCode.RequestNotPending, `${detail} (this one is ${row?.status ?? 'gone'})`);
  }

  private async presentOne(request: MeetingRequest, round: ConsultationRound, viewerId: string): Promise<MeetingRequestResponse> {
    const context = await this.presenter.peopleContext(new Map([[round.id, round]]), [request.hostUserId, request.guestUserId]);
    return this.present(request, round, context, viewerId);
  }

  private present(request: MeetingRequest, round: ConsultationRound, context: PeopleContext, viewerId: string): MeetingRequestResponse {
    const viewerSide = request.hostUserId === viewerId ? ParticipantSide.Host : request.guestUserId === viewerId ? ParticipantSide.Guest : null;
    const status = request.status === RequestStatus.Pending && bookingClosed(round) ? RequestStatus.Expired : request.status;
    return {
      id: request.id,
      eventId: request.eventId,
      roundId: request.roundId,
      status,
      initiatedBy: request.initiatedBy,
      direction: viewerSide === null ? null : viewerSide === request.initiatedBy ? 'sent' : 'received',
      host: this.presenter.requestParty(round.programmeId, request.hostUserId, context),
      guest: this.presenter.requestParty(round.programmeId, request.guestUserId, context),
      message: request.message,
      priority: request.priority,
      declineReason: request.declineReason,
      respondedAt: request.respondedAt ? new Date(request.respondedAt).toISOString() : null,
      meetingId: request.meetingId,
      createdAt: new Date(request.createdAt).toISOString(),
      updatedAt: new Date(request.updatedAt).toISOString(),
    };
  }
}

/** The columns of a request as a MeetingRequest, optionally of a table alias. */
function requestColumns(alias?: string): string {
  const p = alias ? `${alias}.` : '';
  return `${p}id, ${p}round_id AS "roundId", ${p}event_id AS "eventId", ${p}host_user_id AS "hostUserId",
    ${p}guest_user_id AS "guestUserId", ${p}initiated_by::text AS "initiatedBy", ${p}message, ${p}priority,
    ${p}status::text AS status, ${p}decline_reason AS "declineReason", ${p}responded_at AS "respondedAt",
    ${p}meeting_id AS "meetingId", ${p}created_at AS "createdAt", ${p}updated_at AS "updatedAt"`;
}

const REQUEST_COLUMNS = requestColumns();

function requireReceiver(request: MeetingRequest, side: ParticipantSide | null, verb: string): void {
  if (side === null || side === request.initiatedBy) {
    throw new DomainError(ErrorCode.Forbidden, `Only the person the request was sent to may ${verb} it`);
  }
}
