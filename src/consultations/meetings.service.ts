import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { queryRows, retryOnDeadlock } from '../common/database-queries';
import { DomainError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { HAS_OFFSET, parseZonedTime } from '../common/time/zoned-time';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { MeetingChange, NotificationOutbox } from '../notifications/notification-outbox.service';
import { bookingExpired, bookingExpiredSql, cancelledByExpiry, cancelledByExpirySql } from './booking-expiry';
import { ConsultationAccessService } from './consultation-access.service';
import { ConfirmationRule, MeetingAction, MeetingStatus, ParticipantSide, RoundMode } from './consultation.enums';
import {
  BookMeetingDto,
  CancelMeetingDto,
  ListMeetingsQuery,
  MeetingResponse,
  OrganizerBookMeetingDto,
  RescheduleMeetingDto,
} from './dto/meeting.dto';
import { EarlierAnswerFound, IdempotencyRecordRow, IdempotencyService, IdempotentAnswer, IdempotentCall, requestFingerprint } from './idempotency.service';
import {
  ACTIVE_MEETING_STATUSES,
  CheckedPlacement,
  MeetingPlacementService,
  parseSlotTime,
  PlaceMeetingInput,
  personDoubleBooked,
  placeGone,
  requireBookingOpen,
  roundChanged,
  requireInitiator,
  writeHistory,
} from './meeting-placement.service';
import { MeetingPresenter } from './meeting-presenter.service';
import { Meeting } from './meeting.entity';
import { RoundCatalog, RoundDetails } from './round-catalog.service';

const CREATED = 201;

/**
 * Meetings: self-service booking, organizer booking, and the lifecycle after (confirm, reschedule, cancel). Every
 * change writes its history entry in the same transaction; attendee rows follow the meeting's times and status
 * through their foreign key ON UPDATE CASCADE, so the exclusion constraint judges every move.
 */
@Injectable()
export class MeetingsService {
  /** The placements this process is running, by person and start (see placeOnce). */
  private readonly placing = new Map<string, { placement: Promise<unknown>; callKey: string | null }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
    private readonly access: ConsultationAccessService,
    private readonly roundCatalog: RoundCatalog,
    private readonly placement: MeetingPlacementService,
    private readonly presenter: MeetingPresenter,
    private readonly idempotency: IdempotencyService,
    private readonly outbox: NotificationOutbox,
  ) {}

  /**
   * A guest books an open slot of a host (or, where the round lets hosts start meetings, a host books a guest):
   * confirmed at once in `instant` rounds, else `requested` (holding the slot) until the other side confirms.
   */
  async book(user: AuthenticatedUser, eventId: string, roundId: string, dto: BookMeetingDto, key: string | undefined): Promise<IdempotentAnswer<MeetingResponse>> {
    const call = this.call(user, key, `/events/${eventId}/consultation-rounds/${roundId}/bookings`, dto);
    const people = [user.id, dto.hostUserId, dto.guestUserId].filter((id): id is string => id !== undefined);
    // A start given with an offset is an instant already, so the quick clash read comes with the round's (one round trip
    // for a booking refused on a taken slot). Access is judged first, so a caller without it learns nothing from it.
    const instant = HAS_OFFSET.test(dto.startsAt) ? parseZonedTime(dto.startsAt, 'UTC') : null;
    const clashProbe = instant?.ok ? { startsAt: instant.instant, people, idempotency: call.key === undefined ? null : { userId: call.userId, key: call.key } } : undefined;
    const { details, knownClash } = await this.access.requireRound(user, eventId, roundId, people, clashProbe);
    let input: Omit<PlaceMeetingInput, 'manager'>;
    try {
      input = selfServiceBooking(user, details, dto);
    } catch (error) {
      return this.earlierAnswerOr(call, error, knownClash?.found.earlier ?? null);
    }
    return this.placeOnce(user, call, { ...input, knownClash });
  }

  /** Organizers put any host and guest of the programme in a slot, whatever the round's rules and booking window. */
  async bookAsOrganizer(
    user: AuthenticatedUser,
    eventId: string,
    roundId: string,
    dto: OrganizerBookMeetingDto,
    key: string | undefined,
  ): Promise<IdempotentAnswer<MeetingResponse>> {
    await this.access.requireOrganizer(user, eventId);
    const { details } = await this.access.requireRound(user, eventId, roundId);
    const call = this.call(user, key, `/events/${eventId}/consultation-rounds/${roundId}/meetings`, dto);
    let startsAt: Date;
    try {
      startsAt = parseSlotTime(dto.startsAt, details.round.timeZone);
    } catch (error) {
      return this.earlierAnswerOr(call, error);
    }
    return this.placeOnce(user, call, {
      details,
      hostUserId: dto.hostUserId,
      guestUserId: dto.guestUserId,
      startsAt,
      locationId: dto.locationId ?? null,
      status: dto.status ?? MeetingStatus.Confirmed,
      actor: user,
    });
  }

  /**
   * A refused call with an Idempotency-Key is answered as its first call was, when that one went through (a retry
   * after the booking window closed, say); otherwise the refusal stands. The key's record is read only here, on a
   * refusal, so a booking that goes through or meets a taken slot pays no extra read for it; a finished record the
   * caller already read with the round (`known`) is not read again.
   */
  private async earlierAnswerOr(call: IdempotentCall, error: unknown, known: IdempotencyRecordRow | null = null): Promise<IdempotentAnswer<MeetingResponse>> {
    if (call.key !== undefined && error instanceof DomainError) {
      const stored = (known && this.idempotency.answerFrom<MeetingResponse>(known, call)) ?? (await this.idempotency.lookup<MeetingResponse>(call));
      if (stored) return stored;
    }
    throw error;
  }

  /**
   * Places a meeting once (placeNow), one attempt at a time per person and start in this process: an attempt on a person
   * and time that another one here is placing waits for it, then looks again with a fresh clash read. In a booking
   * rush, the attempts on a slot that is being taken then cost that one read each once it is taken, instead of a
   * transaction apiece that waits on the slot's lock holding a connection and ends in the same 409. PostgreSQL still
   * decides every placement. A retry of the same call (its Idempotency-Key) does not wait here: its key's record in
   * PostgreSQL settles it, on whichever replica it lands.
   */
  async placeOnce(
    user: AuthenticatedUser,
    call: IdempotentCall,
    input: Omit<PlaceMeetingInput, 'manager'>,
    message?: string | null,
  ): Promise<IdempotentAnswer<MeetingResponse>> {
    const keys = [input.hostUserId, input.guestUserId].map((userId) => `${userId}|${input.startsAt.getTime()}`);
    const callKey = call.key === undefined ? null : `${call.userId}|${call.key}`;
    const ahead = keys.flatMap((key) => {
      const running = this.placing.get(key);
      return running && (callKey === null || running.callKey !== callKey) ? [running.placement] : [];
    });
    if (ahead.length > 0) {
      await Promise.allSettled(ahead);
      // What the round's read found before the wait may have changed since.
      input = { ...input, knownClash: undefined };
    }
    const placement = this.placeNow(user, call, input, message);
    const running = { placement, callKey };
    for (const key of keys) this.placing.set(key, running);
    try {
      return await placement;
    } finally {
      for (const key of keys) if (this.placing.get(key) === running) this.placing.delete(key);
    }
  }

  /**
   * Checks (outside the transaction), then in one transaction: the idempotency record, the placement and the answer.
   * Everything the answer shows is loaded before the transaction opens, so it holds one connection only. A retry
   * whose first call committed after the look-up finds its slot taken by that very call: it gets the first answer.
   */
  private async placeNow(
    user: AuthenticatedUser,
    call: IdempotentCall,
    input: Omit<PlaceMeetingInput, 'manager'>,
    message?: string | null,
  ): Promise<IdempotentAnswer<MeetingResponse>> {
    // The answer's people are read while the checks run when the clash read made with the round found the slot free
    // (the booking is then likely to go through); otherwise after them, so refused attempts do not read them.
    const likelyPlaced = input.knownClash !== undefined && (input.knownClash.found.clashUserIds ?? []).length === 0;
    const contextRead = likelyPlaced ? this.presenter.contextForRound(input.details, [input.hostUserId, input.guestUserId]) : undefined;
    // Handled here too, so a refusal that leaves it unawaited is no unhandled rejection.
    contextRead?.catch(() => undefined);
    let checked: CheckedPlacement;
    try {
      checked = await this.placement.check({ ...input, idempotency: call.key === undefined ? undefined : { userId: call.userId, key: call.key } });
    } catch (error) {
      if (error instanceof EarlierAnswerFound) {
        const earlier = this.idempotency.answerFrom<MeetingResponse>(error.record, call);
        if (earlier) return earlier;
        throw new DomainError(ErrorCode.ConcurrentUpdate, 'The first request with this Idempotency-Key has not finished');
      }
      // A taken slot was refused by the read that also looked for the key's record: nothing more to look up.
      if (error instanceof DomainError && error.code === ErrorCode.PersonDoubleBooked) throw error;
      return this.earlierAnswerOr(call, error);
    }
    const context = await (contextRead ?? this.presenter.contextForRound(input.details, [input.hostUserId, input.guestUserId]));
    return retryOnDeadlock(() =>
      this.dataSource.transaction((manager) =>
        this.idempotency.run(manager, call, async () => {
          const meeting = await this.placement.commit(checked, manager);
          return this.presenter.present(meeting, context, user.id, message !== undefined ? message : (input.message ?? null));
        }),
      ),
    );
  }

  /**
   * Your meetings (organizers: all of the event), in time order. Read-only: bookings that have expired read (and filter)
   * as cancelled by expiry, whether or not the worker has written them so yet.
   */
  async list(user: AuthenticatedUser, eventId: string, query: ListMeetingsQuery): Promise<MeetingResponse[]> {
    const { isOrganizer } = await this.access.requireMember(user, eventId);
    // One instant for the filter and the answer, so a booking expiring meanwhile reads as it was filtered.
    const now = new Date();
    const builder = this.meetings.createQueryBuilder('meeting').where('meeting.eventId = :eventId', { eventId });
    if (!isOrganizer) builder.andWhere('(meeting.hostUserId = :me OR meeting.guestUserId = :me)', { me: user.id });
    if (query.roundId) builder.andWhere('meeting.roundId = :roundId', { roundId: query.roundId });
    if (query.hostUserId) builder.andWhere('meeting.hostUserId = :hostUserId', { hostUserId: query.hostUserId });
    if (query.guestUserId) builder.andWhere('meeting.guestUserId = :guestUserId', { guestUserId: query.guestUserId });
    if (query.status) builder.andWhere(presentedStatusIs(query.status), { status: query.status, now });
    const meetings = await builder.orderBy('meeting.startsAt', 'ASC').addOrderBy('meeting.id', 'ASC').getMany();
    return this.presenter.many(meetings, user.id, now);
  }

  async get(user: AuthenticatedUser, eventId: string, meetingId: string): Promise<MeetingResponse> {
    const { meeting } = await this.access.requireMeetingViewer(user, eventId, meetingId);
    return this.presenter.one(meeting, user.id);
  }

  /**
   * A requested meeting becomes confirmed: by the side that did not book it (the host, when the guest booked; the
   * guest, when the host did; the host, when an organizer booked it as requested), or by an organizer.
   */
  async confirm(user: AuthenticatedUser, eventId: string, meetingId: string): Promise<MeetingResponse> {
    const { meeting, side, isOrganizer } = await this.access.requireMeetingViewer(user, eventId, meetingId);
    const confirmer = meeting.createdById === meeting.hostUserId ? meeting.guestUserId : meeting.hostUserId;
    if (!isOrganizer && user.id !== confirmer) {
      throw new DomainError(ErrorCode.Forbidden, `The ${side === ParticipantSide.Host ? 'guest' : 'host'} confirms this meeting`);
    }
    await this.dataSource.transaction(async (manager) => {
      // Only a booking still waiting and not expired: the close is judged by this statement, so a booking whose window
      // closed is never confirmed, whether or not the worker has expired it yet, and nothing is written for it.
      const [row] = await queryRows<MeetingRow>(
        manager,
        `UPDATE meetings m SET status = 'confirmed', updated_at = now() FROM consultation_rounds r
          WHERE m.id = $1 AND r.id = m.round_id AND m.status = 'requested' AND NOT ${bookingExpiredSql('m', 'r')}
          RETURNING ${meetingRow('m')}`,
        [meetingId],
      );
      if (!row) {
        const refused = await this.refusedState(manager, meetingId);
        throw refused.expired ? bookingHasExpired() : notActive(refused.status, 'Only a requested meeting can be confirmed');
      }
      await writeHistory(manager, { ...historyOf(row), meetingId, action: MeetingAction.Confirmed, actorUserId: user.id, reason: null });
      await this.outbox.meetingChanged(manager, meetingChange('confirmed', meeting, row));
    });
    return this.reload(user, eventId, meetingId);
  }

  /**
   * Either party or an organizer cancels (a host declining a requested meeting cancels it with a reason). The quotas
   * the meeting took are given back first, then the meeting is cancelled, in one transaction.
   *
   * A booking that expired is already what the caller asks for, so cancelling it succeeds and answers the booking as
   * it stands, cancelled by expiry, writing nothing: the worker's expiry is the one that cancels it (and gives the
   * quotas back and tells both people), whether it has run yet or not.
   */
  async cancel(user: AuthenticatedUser, eventId: string, meetingId: string, dto: CancelMeetingDto): Promise<MeetingResponse> {
    const { meeting } = await this.access.requireMeetingViewer(user, eventId, meetingId);
    if (cancelledByExpiry(meeting)) return this.presenter.one(meeting, user.id);
    if (!ACTIVE_MEETING_STATUSES.includes(meeting.status)) throw notActive(meeting.status, 'Only a requested or confirmed meeting can be cancelled');
    try {
      await this.dataSource.transaction(async (manager) => {
        // Quota rows before the meeting row: the order booking takes them in.
        await this.placement.releaseMeetingQuotas(manager, meeting.roundId, meeting.hostUserId, meeting.guestUserId);
        // Never a booking that has expired (judged by this statement): that one is left to the worker's expiry.
        const [row] = await queryRows<MeetingRow>(
          manager,
          `UPDATE meetings m SET status = 'cancelled', cancelled_at = now(), cancelled_by_id = $2, cancellation_reason = $3, updated_at = now()
             FROM consultation_rounds r
            WHERE m.id = $1 AND r.id = m.round_id AND m.status IN ('requested', 'confirmed') AND NOT ${bookingExpiredSql('m', 'r')}
            RETURNING ${meetingRow('m')}`,
          [meetingId, user.id, dto.reason ?? null],
        );
        if (!row) {
          // Rolls the quotas back too.
          if ((await this.refusedState(manager, meetingId)).expired) throw new ExpiredMeanwhile();
          throw new DomainError(ErrorCode.MeetingNotActive, 'The meeting changed meanwhile and is no longer requested or confirmed');
        }
        await writeHistory(manager, { ...historyOf(row), meetingId, action: MeetingAction.Cancelled, actorUserId: user.id, reason: dto.reason ?? null });
        await this.outbox.meetingChanged(manager, { ...meetingChange('cancelled', meeting, row), reason: dto.reason ?? null });
      });
    } catch (error) {
      if (!(error instanceof ExpiredMeanwhile)) throw error;
    }
    return this.reload(user, eventId, meetingId);
  }

  /**
   * Moves a requested or confirmed meeting to another slot of its round (parties while booking is open, organizers
   * any time). The version goes up. On-site meetings keep their location if it is free then, else get the one named,
   * the host's own, or the first free one.
   */
  async reschedule(user: AuthenticatedUser, eventId: string, meetingId: string, dto: RescheduleMeetingDto): Promise<MeetingResponse> {
    const { meeting, isOrganizer } = await this.access.requireMeetingViewer(user, eventId, meetingId);
    if (cancelledByExpiry(meeting)) throw bookingHasExpired();
    if (!ACTIVE_MEETING_STATUSES.includes(meeting.status)) throw notActive(meeting.status, 'A cancelled or finished meeting cannot be rescheduled');
    const details = await this.roundCatalog.findRound(eventId, meeting.roundId);
    if (!details) throw new NotFoundError('Meeting');
    if (bookingExpired(meeting, details.round)) throw bookingHasExpired();
    if (!isOrganizer) requireBookingOpen(details.round);
    const slot = this.placement.requireGridSlot(details, parseSlotTime(dto.startsAt, details.round.timeZone));
    const candidates = this.rescheduleLocations(details, meeting, dto.locationId ?? null);
    await this.placement.requireOpenSlot(details, slot, meeting.hostUserId, meeting.guestUserId);
    await this.dataSource.transaction(async (manager) => {
      let row: MeetingRow | undefined;
      try {
        await this.placement.tryLocations(manager, candidates, dto.locationId !== undefined && dto.locationId !== null, async (location) => {
          // Moved only while the round is as the checks read it (see MeetingPlacementService.insertMeeting), never once
          // the booking has expired, and for the parties only while booking is open: the close is judged here too.
          const [moved] = await queryRows<MeetingRow & { roundUnchanged: boolean }>(
            manager,
            `WITH round AS (
               SELECT id, booking_closes_at FROM consultation_rounds WHERE id = $6 AND revision = $7 FOR KEY SHARE
             ), moved AS (
               UPDATE meetings m SET starts_at = $2, ends_at = $3, location_id = $4, location_key = $5, version = m.version + 1, updated_at = now()
                 FROM round r
                WHERE m.id = $1 AND m.round_id = r.id AND m.status IN ('requested', 'confirmed') AND NOT ${bookingExpiredSql('m', 'r')}
                  AND ($8::boolean OR r.booking_closes_at > now())
                RETURNING ${meetingRow('m')}
             )
             SELECT moved.*, EXISTS (SELECT 1 FROM round) AS "roundUnchanged" FROM (SELECT 1) AS one LEFT JOIN moved ON true`,
            [meetingId, slot.startsAt, slot.endsAt, location?.id ?? null, location?.key ?? null, details.round.id, details.round.revision, isOrganizer],
          );
          if (!moved.roundUnchanged) throw roundChanged();
          if (moved.status === null) {
            const refused = await this.refusedState(manager, meetingId);
            if (refused.expired) throw bookingHasExpired();
            if (!isOrganizer) requireBookingOpen(details.round, refused.now);
            throw new DomainError(ErrorCode.MeetingNotActive, 'The meeting changed meanwhile and is no longer requested or confirmed');
          }
          row = moved;
        });
      } catch (error) {
        throw personDoubleBooked(error, meeting.hostUserId, meeting.guestUserId) ?? placeGone(error) ?? error;
      }
      await writeHistory(manager, { ...historyOf(row!), meetingId, action: MeetingAction.Rescheduled, actorUserId: user.id, reason: null });
      await this.outbox.meetingChanged(manager, {
        ...meetingChange('rescheduled', meeting, row!, details.round.mode === RoundMode.OnSite),
        previous: { startsAt: meeting.startsAt, endsAt: meeting.endsAt },
      });
    });
    return this.reload(user, eventId, meetingId);
  }

  /**
   * Why a conditional UPDATE of the meeting found nothing to change, read after it in the same transaction: its status
   * now, whether it is a booking that expired (by the rule, or written so by the worker), and the database's instant
   * that judged it.
   */
  private async refusedState(manager: EntityManager, meetingId: string): Promise<{ status: MeetingStatus; expired: boolean; now: Date }> {
    const [state] = await queryRows<{ status: MeetingStatus; expired: boolean; now: Date }>(
      manager,
      `SELECT m.status::text AS status, now() AS now,
              ${bookingExpiredSql('m', 'r')} OR ${cancelledByExpirySql('m')} AS expired
         FROM meetings m JOIN consultation_rounds r ON r.id = m.round_id WHERE m.id = $1`,
      [meetingId],
    );
    if (!state) throw new NotFoundError('Meeting');
    return state;
  }

  private rescheduleLocations(details: RoundDetails, meeting: Meeting, locationId: string | null) {
    if (locationId !== null || details.round.mode !== RoundMode.OnSite) {
      return this.placement.locationCandidates(details, meeting.hostUserId, locationId);
    }
    const others = this.placement.locationCandidates(details, meeting.hostUserId, null);
    const current = others.find((location) => location.id === meeting.locationId) ?? details.locations.find((location) => location.id === meeting.locationId);
    return current ? [current, ...others.filter((location) => location.id !== current.id)] : others;
  }

  private async reload(user: AuthenticatedUser, eventId: string, meetingId: string): Promise<MeetingResponse> {
    const { meeting } = await this.access.requireMeetingViewer(user, eventId, meetingId);
    return this.presenter.one(meeting, user.id);
  }

  private call(user: AuthenticatedUser, key: string | undefined, path: string, body: unknown): IdempotentCall {
    return { userId: user.id, key, fingerprint: requestFingerprint('POST', path, body), status: CREATED };
  }
}

interface MeetingRow {
  status: MeetingStatus;
  version: number;
  startsAt: Date;
  endsAt: Date;
  locationId: string | null;
}

/** The columns of a MeetingRow, of the meetings table under `alias`. */
function meetingRow(alias: string): string {
  return `${alias}.status::text AS status, ${alias}.version, ${alias}.starts_at AS "startsAt", ${alias}.ends_at AS "endsAt", ${alias}.location_id AS "locationId"`;
}

function historyOf(row: MeetingRow) {
  return { status: row.status, version: row.version, startsAt: row.startsAt, endsAt: row.endsAt, locationId: row.locationId };
}

function notActive(status: MeetingStatus, detail: string): DomainError {
  return new DomainError(ErrorCode.MeetingNotActive, `${detail} (this one is ${status})`);
}

/** Confirming or moving a booking that expired: a 409, as answering an expired request is. */
function bookingHasExpired(): DomainError {
  return new DomainError(ErrorCode.MeetingNotActive, 'The booking window closed before the meeting was confirmed: the booking expired (this one is cancelled)');
}

/** Inside a cancel's transaction: the booking expired meanwhile, so the cancel writes nothing and answers it as it stands. */
class ExpiredMeanwhile extends Error {}

/**
 * The list's status filter on the status a meeting is presented with (booking-expiry.ts): an expired booking is
 * `cancelled`, not `requested`, at the instant `:now`.
 */
function presentedStatusIs(status: MeetingStatus): string {
  const expired = `EXISTS (SELECT 1 FROM consultation_rounds r WHERE r.id = meeting.round_id AND ${bookingExpiredSql('meeting', 'r', ':now')})`;
  if (status === MeetingStatus.Requested) return `meeting.status = :status AND NOT ${expired}`;
  if (status === MeetingStatus.Cancelled) return `(meeting.status = :status OR ${expired})`;
  return 'meeting.status = :status';
}

/**
 * The outbox's view of a change: the meeting as the UPDATE left it. On-site only adds reminder offsets; a confirmation
 * keeps the reminders the booking wrote, so there a location is enough of a hint.
 */
function meetingChange(change: MeetingChange['change'], meeting: Meeting, row: MeetingRow, onSite = row.locationId !== null): MeetingChange {
  return {
    change,
    meetingId: meeting.id,
    eventId: meeting.eventId,
    hostUserId: meeting.hostUserId,
    guestUserId: meeting.guestUserId,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    version: row.version,
    status: row.status as MeetingChange['status'],
    onSite,
  };
}

/**
 * The self-service rules of a booking, before any read: who books whom (guests book for themselves, hosts likewise),
 * not oneself, in a round that takes bookings from this side, while its window is open.
 */
function selfServiceBooking(user: AuthenticatedUser, details: RoundDetails, dto: BookMeetingDto): Omit<PlaceMeetingInput, 'manager'> {
  const { round } = details;
  const me = details.participants.find((person) => person.userId === user.id);
  if (!me) throw new DomainError(ErrorCode.NotProgrammeParticipant, 'Only hosts and guests of this programme book its slots');
  let hostUserId: string;
  let guestUserId: string;
  if (me.side === ParticipantSide.Guest) {
    if (!dto.hostUserId) throw new ValidationError([{ field: 'hostUserId', messages: ['hostUserId names the host you book'] }]);
    if (dto.guestUserId !== undefined && dto.guestUserId !== user.id) {
      throw new ValidationError([{ field: 'guestUserId', messages: ['guests book for themselves'] }]);
    }
    [hostUserId, guestUserId] = [dto.hostUserId, user.id];
  } else {
    if (!dto.guestUserId) throw new ValidationError([{ field: 'guestUserId', messages: ['guestUserId names the guest you book'] }]);
    if (dto.hostUserId !== undefined && dto.hostUserId !== user.id) {
      throw new ValidationError([{ field: 'hostUserId', messages: ['hosts book for themselves'] }]);
    }
    [hostUserId, guestUserId] = [user.id, dto.guestUserId];
  }
  if (hostUserId === guestUserId) {
    throw new ValidationError([{ field: me.side === ParticipantSide.Guest ? 'hostUserId' : 'guestUserId', messages: ['you cannot book a meeting with yourself'] }]);
  }
  if (round.confirmation === ConfirmationRule.OrganizerSchedules) {
    throw new DomainError(ErrorCode.BookingNotAllowed, 'Organizers schedule the meetings of this round: send a request instead');
  }
  requireInitiator(round, me.side);
  requireBookingOpen(round);
  const status = round.confirmation === ConfirmationRule.Instant ? MeetingStatus.Confirmed : MeetingStatus.Requested;
  return {
    details,
    hostUserId,
    guestUserId,
    startsAt: parseSlotTime(dto.startsAt, round.timeZone),
    status,
    actor: user,
    message: dto.message ?? null,
    participants: details.participants,
    countsAsGuestRequest: me.side === ParticipantSide.Guest && status === MeetingStatus.Requested,
  };
}
