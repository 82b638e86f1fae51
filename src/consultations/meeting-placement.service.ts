import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { agendaBusySql, AgendaService, BusyPerson } from '../agenda/agenda.service';
import { isConstraintViolation, preparedRows, queryRows, retryOnDeadlock } from '../common/database-queries';
import { DomainError, FieldError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { parseZonedTime } from '../common/time/zoned-time';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { Eligibility, MeetingAction, MeetingStatus, ParticipantSide, RequestInitiator, RoundMode, VideoLinkRule } from './consultation.enums';
import { ConsultationRound } from './consultation-round.entity';
import { Meeting } from './meeting.entity';
import { ProgrammeParticipant } from './programme-participant.entity';
import { RoundCatalog, RoundDetails } from './round-catalog.service';
import { RoundLocation } from './round-location.entity';
import { EarlierAnswerFound, IdempotencyRecordRow } from './idempotency.service';
import { findSlot, Slot } from './scheduling/slot-grid';

/** Statuses a meeting is placed in: waiting for the other side, or agreed. */
export type PlacedStatus = MeetingStatus.Requested | MeetingStatus.Confirmed;

/** Statuses in which a meeting holds its people, its location and its quotas. */
export const ACTIVE_MEETING_STATUSES: readonly MeetingStatus[] = [MeetingStatus.Requested, MeetingStatus.Confirmed];

export interface PlaceMeetingInput {
  /** The round as RoundCatalog.findRound gives it. */
  details: RoundDetails;
  hostUserId: string;
  guestUserId: string;
  /** The start of a slot of the round's grid. */
  startsAt: Date;
  /** On-site rounds: the location to use; left out, the host's own location, else the first free one. */
  locationId?: string | null;
  /** The accepted request this meeting fulfils: it becomes `scheduled` in the same transaction. */
  requestId?: string | null;
  status: PlacedStatus;
  /** Who places it (a party, an organizer, or the organizer running the scheduler). */
  actor: { id: string };
  /** A note from the person booking, kept on the meeting's first history entry. */
  message?: string | null;
  /** Runs in the caller's transaction when given, else in its own. */
  manager?: EntityManager;
  /** The programme's participants among host and guest, when the caller already read them (saves a read). */
  participants?: ProgrammeParticipant[];
  /**
   * The caller's Idempotency-Key, if any: a check that refuses because of a meeting an earlier call with this key has
   * just committed throws EarlierAnswerFound with that call's record instead (a retry gets the first answer).
   */
  idempotency?: { userId: string; key: string };
  /**
   * A guest's own booking that waits for the host: it is a request as much as one sent with POST .../requests, so it
   * takes one of the guest's requests in the round (max_requests_per_guest), never given back, as a request's is not.
   */
  countsAsGuestRequest?: boolean;
  /** The quick clash read, when the caller made it together with the round (ConsultationAccessService.requireRound). */
  knownClash?: KnownClash;
}

/**
 * A quick clash read to make together with the round: possible when the start was given with an offset, so the
 * instant is known before the round's zone is. The slot ends `slot_minutes` after it, as every slot of the grid does.
 */
export interface ClashProbe {
  startsAt: Date;
  /** The two people of the booking (the caller and the one named). */
  people: string[];
  idempotency: { userId: string; key: string } | null;
}

/** What `clashSelect` finds: which of the people hold a meeting then, and the caller's Idempotency-Key record. */
export interface ClashColumns {
  clashUserIds: string[] | null;
  earlier: IdempotencyRecordRow | null;
}

/** What `openSlotSelect` finds: who closed the slot, and who is busy in the agenda then (null: nobody, or not read). */
export interface OpenSlotColumns {
  closedUserIds: string[] | null;
  busyPeople: BusyPerson[] | null;
}

export interface KnownClash extends ClashProbe {
  /** The open-slot columns are there when the read found the slot free of meetings (else it did not read them). */
  found: ClashColumns & Partial<OpenSlotColumns>;
}

/**
 * requireOpenSlot's two reads as SQL expressions, over a round id, the slot's bounds and a uuid[] of people: who of
 * them closed the slot, and who is busy in the agenda then (AgendaService's rule).
 */
export function openSlotSelect(roundId: string, start: string, end: string, people: string): { closed: string; busy: string } {
  return {
    closed: `ARRAY(SELECT user_id FROM unavailable_slots WHERE round_id = ${roundId} AND starts_at = ${start} AND user_id = ANY(${people}))`,
    busy: agendaBusySql(people, start, end),
  };
}

/** requireOpenSlot's verdict on what its reads found: the first refusal, host before guest, closed before busy. */
function refuseClosedOrBusy(closedUserIds: string[], busyPeople: BusyPerson[], hostUserId: string): void {
  if (closedUserIds.length > 0) {
    const who = closedUserIds.includes(hostUserId) ? 'host' : 'guest';
    throw new DomainError(ErrorCode.SlotUnavailable, `The ${who} has closed this slot`);
  }
  if (busyPeople.length > 0) {
    const first = busyPeople.find((person) => person.userId === hostUserId) ?? busyPeople[0];
    const who = first.userId === hostUserId ? 'host' : 'guest';
    const what = first.reason === 'speaking' ? 'speaks at' : 'is registered for';
    throw new DomainError(ErrorCode.SlotUnavailable, `The ${who} ${what} an agenda session at that time`);
  }
}

/**
 * The SELECT items of the quick clash read, over placeholders (or expressions) for the slot's start and end, the
 * uuid[] of people and the Idempotency-Key's user and key.
 */
export function clashSelect(start: string, end: string, people: string, keyUser: string, key: string): string {
  // Without a start nothing clashes (a range with null bounds is unbounded, and would overlap every meeting).
  return `ARRAY(SELECT DISTINCT user_id FROM meeting_attendees
                 WHERE (${start})::timestamptz IS NOT NULL AND user_id = ANY(${people}::uuid[]) AND status <> 'cancelled'
                   AND tstzrange(starts_at, ends_at) && tstzrange(${start}, ${end})) AS "clashUserIds",
          (SELECT json_build_object('fingerprint', request_fingerprint, 'status', response_status, 'body', response_body)
             FROM idempotency_records WHERE user_id = ${keyUser} AND key = ${key}) AS earlier`;
}

/** The quick read made with the round, if it was made for this very slot, these two people and this key. */
function knownFor(
  known: KnownClash | undefined,
  slot: Slot,
  hostUserId: string,
  guestUserId: string,
  idempotency: { userId: string; key: string } | null,
): KnownClash | undefined {
  const matches =
    known !== undefined &&
    known.startsAt.getTime() === slot.startsAt.getTime() &&
    known.people.includes(hostUserId) &&
    known.people.includes(guestUserId) &&
    known.idempotency?.key === idempotency?.key;
  return matches ? known : undefined;
}

/** The clash read's verdict: nothing, the answer of an earlier call with the key (whose meeting it is), or a 409. */
function refuseClash(found: ClashColumns, hostUserId: string): void {
  const clashing = found.clashUserIds ?? [];
  if (clashing.length === 0) return;
  if (found.earlier) throw new EarlierAnswerFound(found.earlier);
  throw doubleBooked(clashing.includes(hostUserId) ? 'host' : 'guest');
}

/** A placement that passed every check that needs no lock: what `commit` writes. */
export interface CheckedPlacement {
  details: RoundDetails;
  slot: Slot;
  host: ProgrammeParticipant;
  guest: ProgrammeParticipant;
  /** Locations to try, in order (empty: the meeting has no location). */
  locationCandidates: RoundLocation[];
  /** True when the caller named the location: then only that one is tried. */
  locationGiven: boolean;
  requestId: string | null;
  status: PlacedStatus;
  actorId: string;
  message: string | null;
  countsAsGuestRequest: boolean;
}

/** The advisory-lock key under which attempts on one person's slot queue (see `insertMeeting`). */
export function slotLockKey(userId: string, startsAt: Date): string {
  return `meeting-slot:${userId}:${startsAt.toISOString()}`;
}

const CLASH_SQL = `SELECT ${clashSelect('$1', '$2', '$3', '$4', '$5')}`;

/** Both people's slot locks, in one order for every taker so two bookings never wait on each other crosswise. */
function slotLockKeys(hostUserId: string, guestUserId: string, startsAt: Date): [string, string] {
  const [first, second] = [slotLockKey(hostUserId, startsAt), slotLockKey(guestUserId, startsAt)].sort();
  return [first, second];
}

const SLOT_LOCKS_SQL = 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), pg_advisory_xact_lock(hashtextextended($2, 0))';

/** A round quota a booking takes: its subject (e.g. `host-meetings:<userId>`), its cap, and the 409 when at the cap. */
interface QuotaClaim {
  subject: string;
  cap: number;
  refusal: () => DomainError;
}

/** Host meetings, pair meetings and, for a booking that waits for the host, one of the guest's requests. */
const MAX_QUOTA_CLAIMS = 3;

/**
 * MeetingPlacementService.insertMeeting's statement, exported for the booking benchmark's floor, which runs it as is.
 * $1-$15: the meeting, the round's revision and programme; $16, $17: the slot lock keys; $18-$23: up to three quota
 * subjects and caps (a null subject takes nothing); $24: the note for the history entry.
 */
export const INSERT_MEETING_SQL = `
  WITH locks AS (
    SELECT pg_advisory_xact_lock(hashtextextended($16, 0)), pg_advisory_xact_lock(hashtextextended($17, 0))
  ), round AS (
    SELECT id FROM consultation_rounds
     WHERE (SELECT count(*) FROM locks) = 1 AND id = $3::uuid AND revision = $14::int
       FOR KEY SHARE
  ), people AS (
    SELECT count(*) AS present
      FROM (SELECT 1 FROM programme_participants
             WHERE (SELECT count(*) FROM locks) = 1 AND programme_id = $15::uuid AND user_id IN ($4::uuid, $5::uuid)
               FOR KEY SHARE) AS held
  ), meeting AS (
    INSERT INTO meetings (id, event_id, round_id, host_user_id, guest_user_id, request_id, starts_at, ends_at, status,
                          location_id, location_key, video_link, version, created_by_id)
    SELECT $1::uuid, $2::uuid, round.id, $4::uuid, $5::uuid, $6::uuid, $7::timestamptz, $8::timestamptz, $9::meeting_status,
           $10::uuid, $13::text, $11::text, 1, $12::uuid
      FROM round, people WHERE people.present = 2
    RETURNING id, starts_at, ends_at, status, location_id, created_at
  ), attendees AS (
    INSERT INTO meeting_attendees (meeting_id, user_id, starts_at, ends_at, status)
    SELECT meeting.id, person.user_id, meeting.starts_at, meeting.ends_at, meeting.status
      FROM meeting CROSS JOIN unnest(ARRAY[$4, $5]::uuid[]) AS person(user_id)
    RETURNING user_id
  ), quotas AS (
    INSERT INTO round_quotas AS quota (round_id, subject, used)
    SELECT $3::uuid, claim.subject, 1
      FROM (VALUES (1, $18::text, $19::int), (2, $20::text, $21::int), (3, $22::text, $23::int)) AS claim(position, subject, cap)
     WHERE claim.subject IS NOT NULL AND claim.cap >= 1 AND (SELECT count(*) FROM attendees) = 2
     ORDER BY claim.position
    ON CONFLICT (round_id, subject) DO UPDATE SET used = quota.used + 1
     WHERE quota.used < CASE quota.subject WHEN $18::text THEN $19::int WHEN $20::text THEN $21::int ELSE $23::int END
    RETURNING quota.subject
  ), history AS (
    INSERT INTO meeting_history (meeting_id, action, actor_user_id, status, version, starts_at, ends_at, location_id, reason)
    SELECT meeting.id, 'booked', $12::uuid, meeting.status, 1, meeting.starts_at, meeting.ends_at, meeting.location_id, $24::text
      FROM meeting
  )
  SELECT (SELECT created_at FROM meeting) AS "createdAt", EXISTS (SELECT 1 FROM round) AS "roundUnchanged",
         ARRAY(SELECT subject FROM quotas) AS "quotasTaken"`;

/** The cap of an uncapped counter that is counted all the same, so a cap set later starts from the truth (guest requests). */
export const NO_CAP = 2_147_483_647;

/**
 * Puts a meeting in a slot: the one way meetings come to exist, for self-service booking, organizers, accepted
 * requests and the automatic scheduler alike.
 *
 * Checks that read only (the slot is on the grid, both people are in the programme, the pair is eligible, neither
 * closed the slot nor is busy in the agenda) run first, outside any transaction. The write then inserts the meeting
 * and its two attendee rows and takes the round's quotas with conditional upserts, all in one statement;
 * PostgreSQL's exclusion constraints, not a prior check, keep people and locations out of two overlapping meetings.
 * A booking takes quota rows only after its own new rows, and a cancel takes them before it updates its meeting, so
 * neither waits on the other while holding what the other needs; a rare cycle with a concurrent reschedule is
 * broken by PostgreSQL's deadlock detector and answers 409 concurrent_update.
 */
@Injectable()
export class MeetingPlacementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roundCatalog: RoundCatalog,
    private readonly agenda: AgendaService,
    private readonly outbox: NotificationOutbox,
  ) {}

  /** Checks, then writes (in `input.manager`'s transaction, or its own); returns the new meeting. */
  async place(input: PlaceMeetingInput): Promise<Meeting> {
    const checked = await this.check(input);
    return input.manager
      ? this.commit(checked, input.manager)
      : retryOnDeadlock(() => this.dataSource.transaction((manager) => this.commit(checked, manager)));
  }

  /**
   * The read-only checks. Callers that hold a transaction open across many bookings should run this before opening it:
   * it reads through the pool, not the transaction.
   */
  async check(input: Omit<PlaceMeetingInput, 'manager'>): Promise<CheckedPlacement> {
    const { details } = input;
    const { round } = details;
    if (input.hostUserId === input.guestUserId) {
      throw new ValidationError([{ field: 'guestUserId', messages: ['a person cannot meet themselves'] }]);
    }
    const slot = this.requireGridSlot(details, input.startsAt);
    const people = input.participants ?? (await this.roundCatalog.participantsAmong(round.programmeId, [input.hostUserId, input.guestUserId]));
    const host = people.find((person) => person.userId === input.hostUserId);
    const guest = people.find((person) => person.userId === input.guestUserId);
    const fields: FieldError[] = [];
    if (host?.side !== ParticipantSide.Host) fields.push({ field: 'hostUserId', messages: ['hostUserId is not a host of this programme'] });
    if (guest?.side !== ParticipantSide.Guest) fields.push({ field: 'guestUserId', messages: ['guestUserId is not a guest of this programme'] });
    if (fields.length > 0) throw new ValidationError(fields);
    const locationGiven = input.locationId !== undefined && input.locationId !== null;
    const locationCandidates = this.locationCandidates(details, input.hostUserId, input.locationId ?? null);
    // A taken slot first, alone: most attempts in a booking rush end there, and should cost one read. The other two
    // reads then run at once, their refusals in a fixed order.
    const known = knownFor(input.knownClash, slot, input.hostUserId, input.guestUserId, input.idempotency ?? null);
    await this.refuseKnownClash(slot, input.hostUserId, input.guestUserId, input.idempotency ?? null, known);
    // The open-slot reads came with the round's when it found the slot free of meetings (closedUserIds is then an array).
    const closedUserIds = known?.found.closedUserIds;
    const pair = [input.hostUserId, input.guestUserId];
    const knownOpenSlot = Array.isArray(closedUserIds)
      ? {
          closedUserIds: closedUserIds.filter((userId) => pair.includes(userId)),
          busyPeople: (known?.found.busyPeople ?? []).filter((person) => pair.includes(person.userId)),
        }
      : undefined;
    await firstRefusal([
      this.requireEligible(details, input.hostUserId, input.guestUserId),
      this.requireOpenSlot(details, slot, input.hostUserId, input.guestUserId, knownOpenSlot),
    ]);
    return {
      details,
      slot,
      host: host!,
      guest: guest!,
      locationCandidates,
      locationGiven,
      requestId: input.requestId ?? null,
      status: input.status,
      actorId: input.actor.id,
      message: input.message ?? null,
      countsAsGuestRequest: input.countsAsGuestRequest ?? false,
    };
  }

  /** The writes, in the caller's transaction: meeting, attendees, quotas and history in one statement, then request and outbox. */
  async commit(checked: CheckedPlacement, manager: EntityManager): Promise<Meeting> {
    const { details, slot, host, guest } = checked;
    const { round } = details;
    const id = randomUUID();
    const videoLink = round.mode === RoundMode.Online ? videoLinkFor(round.videoLinkRule, round.videoLinkTemplate, host.videoLink, id) : null;
    // The insert takes the slot locks (see insertMeeting); they are taken first here too (the insert takes them again,
    // which a lock already held allows) when a follow-up round reads the outcome allowing the meeting under them, and
    // when several locations are tried, since rolling back to a location's savepoint would release them.
    const followUp = round.eligibility === Eligibility.FollowUpFromSourceRound;
    if (followUp || checked.locationCandidates.length > 1) await preparedRows(manager, SLOT_LOCKS_SQL, slotLockKeys(host.userId, guest.userId, slot.startsAt));
    if (followUp) await this.holdFollowUp(manager, round, host.userId, guest.userId);
    const quotas: QuotaClaim[] = [];
    // An uncapped host's meetings go uncounted: every booking of the host would queue on that one row to the end of its
    // transaction. A cap set later counts them then (recountHostMeetings).
    if (round.maxMeetingsPerHost !== null) {
      const cap = round.maxMeetingsPerHost;
      quotas.push({ subject: hostMeetingsSubject(host.userId), cap, refusal: () => hostCapReached(cap) });
    }
    quotas.push({
      subject: pairMeetingsSubject(host.userId, guest.userId),
      cap: round.maxMeetingsPerPair,
      refusal: () => capReached('max_meetings_per_pair', `These two already have ${round.maxMeetingsPerPair} meeting(s) in this round, the most allowed`),
    });
    if (checked.countsAsGuestRequest) quotas.push(guestRequestClaim(round, guest.userId));
    const written = await this.insertMeeting(manager, checked, id, videoLink, quotas);
    if (checked.requestId) await this.markRequestScheduled(manager, checked.requestId, id);
    await this.outbox.meetingChanged(manager, {
      change: 'booked',
      meetingId: id,
      eventId: round.eventId,
      hostUserId: host.userId,
      guestUserId: guest.userId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      version: 1,
      status: checked.status,
      onSite: round.mode === RoundMode.OnSite,
      // Whoever did not book it confirms it (the host, when an organizer booked it as requested).
      confirmerUserId: checked.actorId === host.userId ? guest.userId : host.userId,
    });
    return manager.getRepository(Meeting).create({
      id,
      eventId: round.eventId,
      roundId: round.id,
      hostUserId: host.userId,
      guestUserId: guest.userId,
      requestId: checked.requestId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      status: checked.status,
      locationId: written.locationId,
      videoLink,
      version: 1,
      cancelledAt: null,
      cancelledById: null,
      cancellationReason: null,
      checkedInAt: null,
      createdById: checked.actorId,
      createdAt: written.createdAt,
      updatedAt: written.createdAt,
    });
  }

  /**
   * A quick refusal when either person already holds a meeting at that time, as most attempts in a booking rush do.
   * It spares them the other checks; it decides nothing, since the exclusion constraint still does at insert time.
   * When the caller read it with the round for this very slot and these people, that read is used; else one statement.
   *
   * The same read brings the caller's Idempotency-Key record: if the clash is the meeting an earlier call with this key
   * committed after the caller's first look-up, the record is seen with it (one snapshot, one commit) and its answer
   * is given instead of a 409. A refusal costs no more statements than before.
   */
  private async refuseKnownClash(
    slot: Slot,
    hostUserId: string,
    guestUserId: string,
    idempotency: { userId: string; key: string } | null,
    known: KnownClash | undefined,
  ): Promise<void> {
    if (known) return refuseClash(known.found, hostUserId);
    const [found] = await preparedRows<ClashColumns>(this.dataSource.manager, CLASH_SQL, [
      slot.startsAt,
      slot.endsAt,
      [hostUserId, guestUserId],
      idempotency?.userId ?? null,
      idempotency?.key ?? null,
    ]);
    refuseClash(found, hostUserId);
  }

  /** The grid slot starting at `startsAt`, else a 400 naming the field. */
  requireGridSlot(details: RoundDetails, startsAt: Date, field = 'startsAt'): Slot {
    const slot = findSlot(details.grid, startsAt);
    if (!slot) throw new ValidationError([{ field, messages: [`${field} is not the start of a slot of this round`] }]);
    return slot;
  }

  /**
   * Locations to try for an on-site meeting: the one named (it must be the round's); else the host's own locations,
   * then the round's shared ones, in order. Online rounds have none, and naming one there is a 400.
   */
  locationCandidates(details: RoundDetails, hostUserId: string, locationId: string | null): RoundLocation[] {
    if (locationId !== null) {
      const location = details.locations.find((candidate) => candidate.id === locationId);
      if (details.round.mode !== RoundMode.OnSite || !location) {
        throw new ValidationError([{ field: 'locationId', messages: ['locationId is not a location of this on-site round'] }]);
      }
      return [location];
    }
    if (details.round.mode !== RoundMode.OnSite) return [];
    const own = details.locations.filter((location) => location.hostUserId === hostUserId);
    const shared = details.locations.filter((location) => location.hostUserId === null);
    return [...own, ...shared];
  }

  /** Eligibility of the pair in the round: open, met in the source round, or asked there for a follow-up. */
  async requireEligible(details: RoundDetails, hostUserId: string, guestUserId: string): Promise<void> {
    const { round } = details;
    if (round.eligibility === Eligibility.Open || !round.eligibilitySourceRoundId) return;
    const followUp = round.eligibility === Eligibility.FollowUpFromSourceRound;
    const [row] = await preparedRows<{ eligible: boolean }>(
      this.dataSource.manager,
      `SELECT EXISTS (
         SELECT 1 FROM meetings m
         ${followUp ? `JOIN meeting_outcomes o ON o.meeting_id = m.id AND o.next_step = 'follow_up_meeting'` : ''}
         WHERE m.round_id = $1 AND m.host_user_id = $2 AND m.guest_user_id = $3 AND m.status = 'held'
       ) AS eligible`,
      [round.eligibilitySourceRoundId, hostUserId, guestUserId],
    );
    if (!row.eligible) throw notEligible(followUp);
  }

  /**
   * Follow-up rounds, again in the placement's transaction: the outcome that asked for the follow-up is read FOR SHARE
   * and held to the end, so the host rewriting it (PUT outcome) either committed before (then this refuses) or waits
   * until the meeting is placed. (A pair that met stays so: a held meeting never leaves `held`, so rounds for pairs
   * that met need no lock; open rounds run nothing here.)
   */
  private async holdFollowUp(manager: EntityManager, round: ConsultationRound, hostUserId: string, guestUserId: string): Promise<void> {
    const rows = await preparedRows<{ meetingId: string }>(
      manager,
      `SELECT o.meeting_id AS "meetingId"
         FROM meetings m JOIN meeting_outcomes o ON o.meeting_id = m.id
        WHERE m.round_id = $1 AND m.host_user_id = $2 AND m.guest_user_id = $3 AND m.status = 'held' AND o.next_step = 'follow_up_meeting'
        FOR SHARE OF o`,
      [round.eligibilitySourceRoundId, hostUserId, guestUserId],
    );
    if (rows.length === 0) throw notEligible(true);
  }

  /**
   * Neither person closed the slot, and neither speaks at or holds a seat in an agenda session at that time. (Other
   * meetings are left to the exclusion constraint.)
   */
  async requireOpenSlot(details: RoundDetails, slot: Slot, hostUserId: string, guestUserId: string, known?: OpenSlotColumns): Promise<void> {
    if (known) return refuseClosedOrBusy(known.closedUserIds ?? [], known.busyPeople ?? [], hostUserId);
    const [closed, busy] = await Promise.all([
      preparedRows<{ userId: string }>(
        this.dataSource.manager,
        'SELECT user_id AS "userId" FROM unavailable_slots WHERE round_id = $1 AND starts_at = $2 AND user_id = ANY($3::uuid[])',
        [details.round.id, slot.startsAt, [hostUserId, guestUserId]],
      ),
      this.agenda.busyIntervals([hostUserId, guestUserId], slot.startsAt, slot.endsAt),
    ]);
    refuseClosedOrBusy(
      closed.map((row) => row.userId),
      busy.map(({ userId, reason }) => ({ userId, reason })),
      hostUserId,
    );
  }

  /**
   * Gives back what an active meeting took (on cancel), never below zero. The round is held FOR KEY SHARE first: an
   * organizer who sets a host cap meanwhile (recountHostMeetings, under the round's FOR UPDATE) then counts this meeting
   * either as cancelled or as active, with a counter this gives back to.
   */
  async releaseMeetingQuotas(manager: EntityManager, roundId: string, hostUserId: string, guestUserId: string): Promise<void> {
    await preparedRows(
      manager,
      `WITH round AS (SELECT id FROM consultation_rounds WHERE id = $1 FOR KEY SHARE)
       UPDATE round_quotas SET used = used - 1
        WHERE EXISTS (SELECT 1 FROM round) AND round_id = $1 AND subject = ANY($2::text[]) AND used > 0`,
      [roundId, [hostMeetingsSubject(hostUserId), pairMeetingsSubject(hostUserId, guestUserId)]],
    );
  }

  /**
   * Runs `write` with each location candidate in turn, each try but the last under a savepoint: a violation of the
   * place's exclusion constraint (the same table taken at that time, in this round or any other of the event) rolls
   * back to it and moves on to the next. With no candidates, runs once with null. No check-then-write: the constraint
   * decides. A caller whose transaction must outlive a failed placement cannot use it.
   */
  async tryLocations(
    manager: EntityManager,
    candidates: RoundLocation[],
    locationGiven: boolean,
    write: (location: RoundLocation | null) => Promise<void>,
  ): Promise<string | null> {
    if (candidates.length === 0) {
      await write(null);
      return null;
    }
    for (const location of candidates.slice(0, -1)) {
      await manager.query('SAVEPOINT meeting_location');
      try {
        await write(location);
        await manager.query('RELEASE SAVEPOINT meeting_location');
        return location.id;
      } catch (error) {
        if (!isConstraintViolation(error, 'meetings_event_location_no_overlap')) throw error;
        await manager.query('ROLLBACK TO SAVEPOINT meeting_location');
      }
    }
    // The last candidate needs no savepoint (two round trips): if it is taken too, the placement fails, and its
    // transaction with it.
    return this.writeAtLastLocation(candidates[candidates.length - 1], locationGiven, write);
  }

  /** The last location candidate: taken too, it is a 409 naming the location when the caller chose it. */
  private async writeAtLastLocation(location: RoundLocation, locationGiven: boolean, write: (location: RoundLocation | null) => Promise<void>): Promise<string> {
    try {
      await write(location);
      return location.id;
    } catch (error) {
      if (!isConstraintViolation(error, 'meetings_event_location_no_overlap')) throw error;
      throw new DomainError(
        ErrorCode.LocationDoubleBooked,
        locationGiven ? `${location.name} holds another meeting at that time` : 'Every location of this round holds another meeting at that time',
        locationGiven ? [{ field: 'locationId', messages: ['the location is taken at that time'] }] : [],
      );
    }
  }

  /**
   * The booking's writes in one statement, at the first free location candidate: the slot locks, the meeting, both
   * attendee rows (their foreign key is checked at its end), the round's quotas and the first history entry. One
   * statement is one round trip, and the locks are held for as short a time as the rest of the transaction takes.
   *
   * Attempts on the same slot of the same person queue on the advisory locks instead of racing into the exclusion
   * constraint, where simultaneous inserts can deadlock; the constraint, not the locks, decides who gets the slot. The
   * locks come first (every other part waits for them), so a waiting attempt holds no row.
   *
   * The statement inserts only while the round is still at the revision the checks read, holding its row FOR KEY SHARE
   * to the end of the transaction: an organizer's change (grid, places, rules) or deletion that committed meanwhile
   * makes it insert nothing (409 concurrent_update, try again); one that comes after waits for this booking (its
   * FOR UPDATE conflicts with the share lock) and then sees the meeting, which it must keep on the grid. It holds both
   * people's programme_participants rows the same way: a removal committed meanwhile leaves one missing and the
   * statement inserts nothing; one that comes after waits, then finds the meeting (ProgrammesService.removeParticipant).
   *
   * The quotas are taken after the attendee rows (their part reads them): an attempt on a taken slot fails there,
   * before it touches the host's quota row, which every booking of that host shares. They are taken in the order given,
   * so takers queue in one order; a quota at its cap comes back missing, and the caller's error undoes the rest.
   */
  private async insertMeeting(
    manager: EntityManager,
    checked: CheckedPlacement,
    id: string,
    videoLink: string | null,
    quotas: QuotaClaim[],
  ): Promise<{ locationId: string | null; createdAt: Date }> {
    const { details, slot, host, guest } = checked;
    if (quotas.length > MAX_QUOTA_CLAIMS) throw new Error(`A booking takes at most ${MAX_QUOTA_CLAIMS} quotas`);
    const quotaParameters = Array.from({ length: MAX_QUOTA_CLAIMS }, (_, index) => [quotas[index]?.subject ?? null, quotas[index]?.cap ?? null]).flat();
    let createdAt = new Date();
    const locationId = await this.tryLocations(manager, checked.locationCandidates, checked.locationGiven, async (candidate) => {
      let row: { createdAt: Date | null; roundUnchanged: boolean; quotasTaken: string[] };
      try {
        [row] = await preparedRows<{ createdAt: Date | null; roundUnchanged: boolean; quotasTaken: string[] }>(manager, INSERT_MEETING_SQL, [
          id,
          details.round.eventId,
          details.round.id,
          host.userId,
          guest.userId,
          checked.requestId,
          slot.startsAt,
          slot.endsAt,
          checked.status,
          candidate?.id ?? null,
          videoLink,
          checked.actorId,
          candidate?.key ?? null,
          details.round.revision,
          details.round.programmeId,
          ...slotLockKeys(host.userId, guest.userId, slot.startsAt),
          ...quotaParameters,
          checked.message,
        ]);
      } catch (error) {
        throw personDoubleBooked(error, host.userId, guest.userId) ?? placeGone(error) ?? error;
      }
      if (!row.roundUnchanged) throw roundChanged();
      if (row.createdAt === null) {
        throw new DomainError(ErrorCode.ConcurrentUpdate, 'The host or the guest was removed from the programme while the meeting was being placed');
      }
      const capped = quotas.find((quota) => !row.quotasTaken.includes(quota.subject));
      if (capped) throw capped.refusal();
      createdAt = row.createdAt;
    });
    return { locationId, createdAt };
  }

  /** The accepted request becomes scheduled; the row lock makes a second placement of it wait, then fail. */
  private async markRequestScheduled(manager: EntityManager, requestId: string, meetingId: string): Promise<void> {
    const rows = await queryRows<{ id: string }>(
      manager,
      `UPDATE meeting_requests SET status = 'scheduled', meeting_id = $2, updated_at = now()
        WHERE id = $1 AND status = 'accepted' RETURNING id`,
      [requestId, meetingId],
    );
    if (rows.length === 0) throw new DomainError(ErrorCode.RequestNotAccepted, 'The request is not accepted, or is already placed in a slot');
  }
}

/** Waits for every check, then throws the refusal of the first one in the list that refused, if any. */
async function firstRefusal(checks: Promise<void>[]): Promise<void> {
  const outcomes = await Promise.allSettled(checks);
  const refused = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (refused) throw refused.reason;
}

/**
 * One statement: creates the counter at 1, or adds 1 where it is still under the cap; no row back means the cap is
 * reached (a cap below 1 never creates the row).
 */
export async function takeQuota(manager: EntityManager, roundId: string, subject: string, cap: number, error: () => DomainError): Promise<void> {
  const taken = await preparedRows<{ used: number }>(
    manager,
    `INSERT INTO round_quotas (round_id, subject, used) SELECT $1, $2, 1 WHERE $3::int >= 1
     ON CONFLICT (round_id, subject) DO UPDATE SET used = round_quotas.used + 1 WHERE round_quotas.used < $3::int
     RETURNING used`,
    [roundId, subject, cap],
  );
  if (taken.length === 0) throw error();
}

/** The quota row counting a host's active meetings in a round, kept while the round caps them. */
export function hostMeetingsSubject(hostUserId: string): string {
  return `host-meetings:${hostUserId}`;
}

/** The quota row counting a pair's active meetings in a round. */
export function pairMeetingsSubject(hostUserId: string, guestUserId: string): string {
  return `pair:${hostUserId}:${guestUserId}`;
}

/** The 409 of a host at the round's max_meetings_per_host. */
export function hostCapReached(cap: number): DomainError {
  return capReached('max_meetings_per_host', `The host already has ${cap} meetings in this round, the most allowed`);
}

/**
 * The hosts' meeting counters of a round, counted afresh from its meetings that were not cancelled (held and no-show
 * ones keep what they took, as with a counted booking): when a round that did not cap them starts to (its bookings kept
 * no count meanwhile). In the transaction that holds the round FOR UPDATE: no booking, cancel or expiry of the round is
 * in flight (each holds it FOR KEY SHARE) and none starts before it commits.
 */
export async function recountHostMeetings(manager: EntityManager, roundId: string): Promise<void> {
  await preparedRows(
    manager,
    `WITH counted AS (
       SELECT 'host-meetings:' || host_user_id AS subject, count(*)::int AS used
         FROM meetings WHERE round_id = $1 AND status <> 'cancelled' GROUP BY host_user_id
     ), stale AS (
       DELETE FROM round_quotas WHERE round_id = $1 AND subject LIKE 'host-meetings:%' AND subject NOT IN (SELECT subject FROM counted)
     )
     INSERT INTO round_quotas (round_id, subject, used) SELECT $1, subject, used FROM counted
     ON CONFLICT (round_id, subject) DO UPDATE SET used = EXCLUDED.used`,
    [roundId],
  );
}

/** One of the guest's requests in the round (counted when uncapped too, so a cap set later starts from the truth). */
export async function takeGuestRequest(manager: EntityManager, round: ConsultationRound, guestUserId: string): Promise<void> {
  const claim = guestRequestClaim(round, guestUserId);
  await takeQuota(manager, round.id, claim.subject, claim.cap, claim.refusal);
}

function guestRequestClaim(round: ConsultationRound, guestUserId: string): QuotaClaim {
  const cap = round.maxRequestsPerGuest;
  return {
    subject: `guest-requests:${guestUserId}`,
    cap: cap ?? NO_CAP,
    refusal: () => capReached('max_requests_per_guest', `You have sent ${cap} requests in this round (bookings waiting for the host count as requests), the most allowed`),
  };
}

export function capReached(cap: string, detail: string): DomainError {
  return new DomainError(ErrorCode.CapReached, `${detail} (${cap})`, [{ field: cap, messages: [`the round's ${cap} cap is reached`] }]);
}

/**
 * The 409 for a violation of meeting_attendees_no_overlap, naming who is taken: the person in the violation's key
 * (PostgreSQL reports it), else `attempted` (the attendee row being written). Null for any other error.
 */
export function personDoubleBooked(error: unknown, hostUserId: string, guestUserId: string, attempted?: string): DomainError | null {
  if (!isConstraintViolation(error, 'meeting_attendees_no_overlap')) return null;
  const detail = ((error as QueryFailedError).driverError as { detail?: string }).detail ?? '';
  const match = /\(user_id, [^)]*\)\)?=\(([0-9a-f-]{36})/i.exec(detail);
  const who = match?.[1] ?? attempted;
  return doubleBooked(who === hostUserId ? 'host' : who === guestUserId ? 'guest' : null);
}

function notEligible(followUp: boolean): DomainError {
  return new DomainError(
    ErrorCode.NotEligible,
    followUp
      ? 'This round is for follow-ups: the pair needs a held meeting in the source round whose outcome asked for a follow-up meeting'
      : 'This round is for pairs that met in the source round, and these two did not',
  );
}

/** The round changed (or went) between a placement's checks and its write. */
export function roundChanged(): DomainError {
  return new DomainError(ErrorCode.ConcurrentUpdate, 'An organizer changed this round while the meeting was being placed; try again');
}

/**
 * The 409 for a write that lost its round or location to a concurrent change (their foreign keys refuse it), as a
 * safety net behind the revision check; null for any other error.
 */
export function placeGone(error: unknown): DomainError | null {
  return isConstraintViolation(error, 'meetings_round_fk') || isConstraintViolation(error, 'meetings_location_fk') ? roundChanged() : null;
}

function doubleBooked(side: 'host' | 'guest' | null): DomainError {
  const message = side ? `The ${side} is in another meeting at that time` : 'One of the two people is in another meeting at that time';
  return new DomainError(ErrorCode.PersonDoubleBooked, message, side ? [{ field: side === 'host' ? 'hostUserId' : 'guestUserId', messages: [message] }] : []);
}

/** The video link of an online meeting: from the round's template, or the host's own link. */
export function videoLinkFor(rule: VideoLinkRule | null, template: string | null, hostLink: string | null, meetingId: string): string | null {
  if (rule === VideoLinkRule.Template && template) return template.split('{meetingId}').join(meetingId);
  if (rule === VideoLinkRule.HostEntered) return hostLink;
  return null;
}

export interface HistoryInput {
  meetingId: string;
  action: MeetingAction;
  actorUserId: string | null;
  status: MeetingStatus;
  version: number;
  startsAt: Date;
  endsAt: Date;
  locationId: string | null;
  reason: string | null;
}

/** One history entry, in the transaction of the change it records. */
export async function writeHistory(manager: EntityManager, entry: HistoryInput): Promise<void> {
  await preparedRows(
    manager,
    `INSERT INTO meeting_history (meeting_id, action, actor_user_id, status, version, starts_at, ends_at, location_id, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [entry.meetingId, entry.action, entry.actorUserId, entry.status, entry.version, entry.startsAt, entry.endsAt, entry.locationId, entry.reason],
  );
}

/** A slot time as the API takes it (an instant with an offset, or a wall-clock time in the round zone), else a 400. */
export function parseSlotTime(value: string, timeZone: string, field = 'startsAt'): Date {
  const parsed = parseZonedTime(value, timeZone);
  if (!parsed.ok) throw new ValidationError([{ field, messages: [`${field} ${parsed.reason}`] }]);
  return parsed.instant;
}

/** Self-service changes happen while the round's booking window is open (organizers are not held to it). */
export function requireBookingOpen(round: ConsultationRound, now = new Date()): void {
  if (now < round.bookingOpensAt) {
    throw new DomainError(ErrorCode.BookingClosed, `Booking for this round opens at ${round.bookingOpensAt.toISOString()}`);
  }
  if (now >= round.bookingClosesAt) {
    throw new DomainError(ErrorCode.BookingClosed, `Booking for this round closed at ${round.bookingClosesAt.toISOString()}`);
  }
}

/** Whether the round's booking window has closed. */
export function bookingClosed(round: ConsultationRound, now = new Date()): boolean {
  return now >= round.bookingClosesAt;
}

/** Which side may start a meeting (book a slot or send a request) in the round. */
export function requireInitiator(round: ConsultationRound, side: ParticipantSide): void {
  if (round.initiator === RequestInitiator.Both || (round.initiator as string) === (side as string)) return;
  const allowed = round.initiator === RequestInitiator.Guest ? 'guests (startups)' : 'hosts (investors and experts)';
  throw new DomainError(ErrorCode.BookingNotAllowed, `In this round only ${allowed} book slots and send requests`);
}
