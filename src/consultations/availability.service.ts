import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgendaService, BusyInterval } from '../agenda/agenda.service';
import { NotFoundError, ValidationError, FieldError } from '../common/errors/domain-error';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { parseZonedTime } from '../common/time/zoned-time';
import { PersonZones } from '../users/person-zones.service';
import { ParticipantSide } from './consultation.enums';
import {
  AvailabilityResponse,
  fixedClock,
  HostSlotsResponse,
  RoundSlotsResponse,
  SetAvailabilityDto,
  SlotsQuery,
  SlotState,
  SlotStatus,
  ViewerClock,
} from './dto/availability.dto';
import { ProgrammesService } from './programmes.service';
import { RoundCatalog, RoundDetails } from './round-catalog.service';
import { findSlot, overlaps, Slot } from './scheduling/slot-grid';

export interface SlotCheckOptions {
  /** A meeting to leave out of "taken" (the one being moved, when rescheduling). */
  ignoreMeetingId?: string;
  /** Read inside the caller's transaction. */
  manager?: EntityManager;
}

/** The viewer's clock for a round, and the zone the response names as theirs (where they are at the round's first slot). */
interface Viewer {
  clock: ViewerClock;
  zone: string;
}

interface Interval {
  startsAt: Date;
  endsAt: Date;
}

/** What keeps one person from a slot: meetings, agenda sessions, and the slots they closed in the round. */
interface Blockers {
  meetings: Interval[];
  agenda: BusyInterval[];
  closed: Set<number>;
}

/**
 * The slot grid of a round as each person sees it (in the round's zone and their own), each person's closed slots,
 * and free/busy: a host's slot is taken by a meeting (never saying with whom), unavailable when the host closed it or
 * is busy in the agenda, else open. `slotStatuses`, `openSlots` and `isSlotOpen` are what booking calls.
 */
@Injectable()
export class AvailabilityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programmesService: ProgrammesService,
    private readonly catalog: RoundCatalog,
    private readonly agenda: AgendaService,
    private readonly personZones: PersonZones,
  ) {}

  /** Organizers and participants: every slot, on the round's wall clock and on the viewer's. */
  async roundSlots(user: AuthenticatedUser, eventId: string, roundId: string, query: SlotsQuery): Promise<RoundSlotsResponse> {
    const { details } = await this.programmesService.readableRound(user, eventId, roundId);
    const viewer = await this.viewer(user, query, details);
    return RoundSlotsResponse.from(roundId, details.round.timeZone, viewer.zone, viewer.clock, details.round.slotMinutes, details.grid);
  }

  /** Organizers and participants: a host's free/busy; a guest of the programme also learns whether they are free. */
  async hostSlots(user: AuthenticatedUser, eventId: string, roundId: string, hostUserId: string, query: SlotsQuery): Promise<HostSlotsResponse> {
    const { details, participant } = await this.programmesService.readableRound(user, eventId, roundId);
    const host = await this.catalog.participant(details.round.programmeId, hostUserId);
    if (!host || host.side !== ParticipantSide.Host) throw new NotFoundError('Host');
    const guestId = participant?.side === ParticipantSide.Guest ? user.id : null;
    const [statuses, viewer] = await Promise.all([this.slotStatuses(details, hostUserId, guestId), this.viewer(user, query, details)]);
    return HostSlotsResponse.from(roundId, hostUserId, details.round.timeZone, viewer.zone, viewer.clock, statuses);
  }

  /** Participants: the slots they closed in the round. */
  async myAvailability(user: AuthenticatedUser, eventId: string, roundId: string, query: SlotsQuery): Promise<AvailabilityResponse> {
    const { details } = await this.programmesService.participantRound(user, eventId, roundId);
    const [closed, viewer] = await Promise.all([this.closedSlots(this.dataSource.manager, details, [user.id]), this.viewer(user, query, details)]);
    return AvailabilityResponse.from(roundId, user.id, details.round.timeZone, viewer.zone, viewer.clock, this.closedOnGrid(details, closed), details.grid.length);
  }

  /** Participants: replaces the slots they closed; each must be a slot of the round's grid. */
  async setMyAvailability(user: AuthenticatedUser, eventId: string, roundId: string, dto: SetAvailabilityDto): Promise<AvailabilityResponse> {
    const { details, participant } = await this.programmesService.participantRound(user, eventId, roundId);
    const fields: FieldError[] = [];
    const starts = new Map<number, Slot>();
    dto.unavailable.forEach((value, index) => {
      const parsed = parseZonedTime(value, details.round.timeZone);
      const slot = parsed.ok ? findSlot(details.grid, parsed.instant) : undefined;
      if (!slot) fields.push({ field: `unavailable.${index}`, messages: [`${value} is not the start of a slot of this round`] });
      else starts.set(slot.startsAt.getTime(), slot);
    });
    if (fields.length > 0) throw new ValidationError(fields);
    await this.dataSource.transaction(async (manager) => {
      // One replacement at a time per person (and the person must still take part).
      const locked: unknown[] = await manager.query(
        'SELECT 1 FROM programme_participants WHERE programme_id = $1 AND user_id = $2 FOR UPDATE',
        [participant.programmeId, user.id],
      );
      if (locked.length === 0) throw new NotFoundError('Round');
      await manager.query('DELETE FROM unavailable_slots WHERE round_id = $1 AND user_id = $2', [roundId, user.id]);
      if (starts.size > 0) {
        await manager.query(
          `INSERT INTO unavailable_slots (round_id, user_id, starts_at)
           SELECT $1, $2, s FROM unnest($3::timestamptz[]) AS s ON CONFLICT DO NOTHING`,
          [roundId, user.id, [...starts.values()].map((slot) => slot.startsAt.toISOString())],
        );
      }
    });
    const viewer = await this.viewer(user, {}, details);
    const closed = [...starts.values()].sort((first, second) => first.startsAt.getTime() - second.startsAt.getTime());
    return AvailabilityResponse.from(roundId, user.id, details.round.timeZone, viewer.zone, viewer.clock, closed, details.grid.length);
  }

  /**
   * Every grid slot of the round with the host's state (taken > unavailable > open) and, when `guestUserId` is
   * given, whether that guest is free then (no meeting, agenda session or closed slot of theirs).
   */
  async slotStatuses(details: RoundDetails, hostUserId: string, guestUserId?: string | null, options: SlotCheckOptions = {}): Promise<SlotStatus[]> {
    const { grid } = details;
    if (grid.length === 0) return [];
    const manager = options.manager ?? this.dataSource.manager;
    const people = guestUserId ? [hostUserId, guestUserId] : [hostUserId];
    const from = grid[0].startsAt;
    const to = grid.at(-1)!.endsAt;
    // Sequential on the manager: it may be the caller's transaction, which runs on one connection.
    const meetings = await this.meetings(manager, people, from, to, options.ignoreMeetingId);
    const closed = await this.closedSlots(manager, details, people);
    const agenda = await this.agenda.busyIntervals(people, from, to);
    const blockersOf = (userId: string): Blockers => ({
      meetings: meetings.filter((meeting) => meeting.userId === userId),
      agenda: agenda.filter((busy) => busy.userId === userId),
      closed: new Set(closed.filter((row) => row.userId === userId).map((row) => row.startsAt.getTime())),
    });
    const host = blockersOf(hostUserId);
    const guest = guestUserId ? blockersOf(guestUserId) : null;
    return grid.map((slot) => ({
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      state: host.meetings.some((meeting) => overlaps(meeting, slot))
        ? SlotState.Taken
        : host.closed.has(slot.startsAt.getTime()) || host.agenda.some((busy) => overlaps(busy, slot))
          ? SlotState.Unavailable
          : SlotState.Open,
      guestFree: guest ? isFree(guest, slot) : null,
    }));
  }

  /** The slots open for the host and (if given) free for the guest, in time order. */
  async openSlots(details: RoundDetails, hostUserId: string, guestUserId?: string | null, options: SlotCheckOptions = {}): Promise<Slot[]> {
    const statuses = await this.slotStatuses(details, hostUserId, guestUserId, options);
    return statuses
      .filter((status) => status.state === SlotState.Open && status.guestFree !== false)
      .map((status) => ({ startsAt: status.startsAt, endsAt: status.endsAt }));
  }

  /** Whether `startsAt` is a slot of the round that is open for the host and free for the guest. */
  async isSlotOpen(details: RoundDetails, hostUserId: string, guestUserId: string | null, startsAt: Date, options: SlotCheckOptions = {}): Promise<boolean> {
    const slot = findSlot(details.grid, startsAt);
    if (!slot) return false;
    const open = await this.openSlots({ ...details, grid: [slot] }, hostUserId, guestUserId, options);
    return open.length === 1;
  }

  /**
   * The clock the *Viewer fields use: the zone asked for, else the zone the viewer is in at each slot's start (a
   * Seoul founder in Boston for the main day sees its slots on Boston's clock, the video round before on Seoul's).
   */
  private async viewer(user: AuthenticatedUser, query: SlotsQuery, details: RoundDetails): Promise<Viewer> {
    const clock = query.timeZone ? fixedClock(query.timeZone) : await this.personZones.schedule(user.id);
    return { clock, zone: clock.zoneAt(details.grid[0]?.startsAt ?? new Date()) };
  }

  /** Meetings (not cancelled) of these people overlapping [from, to), on either side of the table. */
  private async meetings(
    manager: EntityManager,
    userIds: string[],
    from: Date,
    to: Date,
    ignoreMeetingId: string | undefined,
  ): Promise<Array<Interval & { userId: string }>> {
    return manager.query(
      `SELECT user_id AS "userId", starts_at AS "startsAt", ends_at AS "endsAt"
       FROM meeting_attendees
       WHERE user_id = ANY($1::uuid[]) AND status <> 'cancelled'
         AND tstzrange(starts_at, ends_at) && tstzrange($2::timestamptz, $3::timestamptz)
         AND ($4::uuid IS NULL OR meeting_id <> $4::uuid)`,
      [userIds, from.toISOString(), to.toISOString(), ignoreMeetingId ?? null],
    );
  }

  private async closedSlots(manager: EntityManager, details: RoundDetails, userIds: string[]): Promise<Array<{ userId: string; startsAt: Date }>> {
    return manager.query(
      `SELECT user_id AS "userId", starts_at AS "startsAt" FROM unavailable_slots
       WHERE round_id = $1 AND user_id = ANY($2::uuid[]) ORDER BY starts_at`,
      [details.round.id, userIds],
    );
  }

  private closedOnGrid(details: RoundDetails, closed: Array<{ startsAt: Date }>): Slot[] {
    return closed.flatMap((row) => {
      const slot = findSlot(details.grid, row.startsAt);
      return slot ? [slot] : [];
    });
  }
}

function isFree(person: Blockers, slot: Slot): boolean {
  return (
    !person.closed.has(slot.startsAt.getTime()) &&
    !person.meetings.some((meeting) => overlaps(meeting, slot)) &&
    !person.agenda.some((busy) => overlaps(busy, slot))
  );
}
