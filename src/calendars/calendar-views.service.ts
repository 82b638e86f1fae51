import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { calendarDatesToInstants } from '../common/time/calendar-dates';
import { toZonedIso } from '../common/time/zoned-time';
import { ConsultationAccessService } from '../consultations/consultation-access.service';
import { ParticipantSide } from '../consultations/consultation.enums';
import { EventAccessService } from '../events/event-access.service';
import { PersonZones } from '../users/person-zones.service';
import { ZoneSchedule } from '../users/zone-schedule';
import { parseCalendarRange, RangeZone } from './calendar-range';
import { BlockedSlotRow, CalendarMeetingRow, CalendarReads, CalendarSessionRow, PlacedMeetingRow } from './calendar-reads.service';
import {
  CalendarBlockedSlotResponse,
  CalendarMeetingResponse,
  CalendarPartyResponse,
  CalendarQuery,
  CalendarResponse,
  CalendarSessionResponse,
  CalendarTimesResponse,
} from './dto/calendar.dto';
import { LocationBookingResponse, LocationPersonResponse, LocationResponse, LocationScheduleQuery, LocationScheduleResponse } from './dto/location-schedule.dto';

/** The clock an item is shown on: the one asked for, else the zone the person is in at the item's start. */
type ClockOf = (instant: Date) => string;

const naturalOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Calendar views: your own across every event you belong to, a participant's within one event (for its organizers),
 * and what happens at each table and room of an event on a day. Each reads its items with one query per kind.
 */
@Injectable()
export class CalendarViewsService {
  constructor(
    private readonly reads: CalendarReads,
    private readonly personZones: PersonZones,
    private readonly eventAccess: EventAccessService,
    private readonly consultationAccess: ConsultationAccessService,
  ) {}

  /**
   * Your meetings, sessions and closed slots in the range, in every event you belong to. Without a zone asked for, each
   * date of the range is read in the zone you are in that day (a travel time zone, else your profile zone): "the 28th"
   * while you are in Boston is Boston's 28th.
   */
  async mine(user: AuthenticatedUser, query: CalendarQuery): Promise<CalendarResponse> {
    return this.calendarOf(user.id, query, undefined, (own) => (date) => own.zoneOn(date));
  }

  /**
   * A member's calendar within one event, for the event's organizers (non-members 404, other members 403). Without a
   * zone asked for, the range is read on the event's clock, as the organizer plans the event's days.
   */
  async participant(user: AuthenticatedUser, eventId: string, personId: string, query: CalendarQuery): Promise<CalendarResponse> {
    const { event } = await this.eventAccess.requireOrganizer(user, eventId);
    if (!(await this.eventAccess.personIsMember(personId, eventId))) throw new NotFoundError('Participant');
    return this.calendarOf(personId, query, eventId, () => event.timeZone);
  }

  /** Organizers: each table, room and booth with what happens there on a day of the event, on the event clock. */
  async locationSchedule(user: AuthenticatedUser, eventId: string, query: LocationScheduleQuery): Promise<LocationScheduleResponse> {
    const { event } = await this.eventAccess.requireOrganizer(user, eventId);
    if (query.roundId) await this.consultationAccess.requireRound(user, eventId, query.roundId);
    const zone = event.timeZone;
    const day = calendarDatesToInstants(query.date, query.date, zone);
    const [meetings, sessions] = await Promise.all([
      this.reads.placedMeetings(eventId, day.startsAt, day.endsAt, query.roundId ?? null),
      query.roundId ? Promise.resolve([]) : this.reads.roomSessions(eventId, day.startsAt, day.endsAt),
    ]);
    const places = new Map<string, LocationResponse>();
    for (const meeting of meetings) {
      const place = places.get(meeting.locationId!) ?? {
        id: meeting.locationId!,
        name: meeting.locationName ?? '',
        kind: meeting.locationKind ?? 'table',
        source: 'round_location',
        roundId: meeting.roundId,
        roundName: meeting.roundName,
        bookings: [],
      };
      place.bookings.push(meetingBooking(meeting, zone));
      places.set(place.id, place);
    }
    for (const session of sessions) {
      const place = places.get(session.roomId!) ?? {
        id: session.roomId!,
        name: session.roomNameEn ?? session.roomNameKo ?? '',
        kind: 'room',
        source: 'agenda_room',
        roundId: null,
        roundName: null,
        bookings: [],
      };
      place.bookings.push(sessionBooking(session, zone));
      places.set(place.id, place);
    }
    const locations = [...places.values()].sort(byPlace);
    return { eventId, date: query.date, timeZone: zone, from: day.startsAt.toISOString(), to: day.endsAt.toISOString(), locations };
  }

  /** `defaultRangeZone`: where the range's dates are read when no zone is asked for. */
  private async calendarOf(personId: string, query: CalendarQuery, eventId: string | undefined, defaultRangeZone: (own: ZoneSchedule) => RangeZone): Promise<CalendarResponse> {
    const own = await this.personZones.schedule(personId);
    const range = parseCalendarRange(query.from, query.to, query.timeZone ?? defaultRangeZone(own));
    const filter = { from: range.from, to: range.to, eventId };
    const [meetings, sessions, blockedSlots] = await Promise.all([
      this.reads.meetingsOf(personId, filter),
      this.reads.sessionsOf(personId, filter),
      this.reads.blockedSlotsOf(personId, filter),
    ]);
    const others = await this.personZones.schedules(meetings.map((meeting) => (meeting.hostUserId === personId ? meeting.guestUserId : meeting.hostUserId)));
    const clock: ClockOf = query.timeZone ? () => query.timeZone! : (instant) => own.zoneAt(instant);
    return {
      userId: personId,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      fromTimeZone: range.fromZone,
      toTimeZone: range.toZone,
      timeZone: query.timeZone ?? null,
      meetings: meetings.map((meeting) => meetingResponse(meeting, personId, clock, own, others)),
      sessions: sessions.map((session) => sessionResponse(session, clock)),
      blockedSlots: blockedSlots.map((slot) => blockedSlotResponse(slot, clock)),
    };
  }
}

function placeRank(place: LocationResponse): number {
  return place.source === 'round_location' ? 0 : 1;
}

/** Round locations first (by round, then Table 2 before Table 10), then the venue's rooms. */
function byPlace(first: LocationResponse, second: LocationResponse): number {
  return placeRank(first) - placeRank(second) || naturalOrder.compare(first.roundName ?? '', second.roundName ?? '') || naturalOrder.compare(first.name, second.name);
}

function times(startsAt: Date, endsAt: Date, zone: string): CalendarTimesResponse {
  return {
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    timeZone: zone,
    startsAtLocal: toZonedIso(startsAt, zone),
    endsAtLocal: toZonedIso(endsAt, zone),
  };
}

function party(meeting: CalendarMeetingRow, side: ParticipantSide, schedule: ZoneSchedule | undefined): CalendarPartyResponse {
  const host = side === ParticipantSide.Host;
  const organizationId = host ? meeting.hostOrganizationId : meeting.guestOrganizationId;
  const organizationName = host ? meeting.hostOrganizationName : meeting.guestOrganizationName;
  const zone = schedule?.zoneAt(meeting.startsAt) ?? meeting.roundTimeZone;
  return {
    userId: host ? meeting.hostUserId : meeting.guestUserId,
    side,
    name: host ? meeting.hostName : meeting.guestName,
    organization: organizationId && organizationName !== null ? { id: organizationId, name: organizationName } : null,
    timeZone: zone,
    startsAtLocal: toZonedIso(meeting.startsAt, zone),
    endsAtLocal: toZonedIso(meeting.endsAt, zone),
  };
}

function meetingResponse(
  meeting: CalendarMeetingRow,
  personId: string,
  clock: ClockOf,
  own: ZoneSchedule,
  others: Map<string, ZoneSchedule>,
): CalendarMeetingResponse {
  const side = meeting.hostUserId === personId ? ParticipantSide.Host : ParticipantSide.Guest;
  const otherSide = side === ParticipantSide.Host ? ParticipantSide.Guest : ParticipantSide.Host;
  const otherId = side === ParticipantSide.Host ? meeting.guestUserId : meeting.hostUserId;
  return {
    ...times(meeting.startsAt, meeting.endsAt, clock(meeting.startsAt)),
    id: meeting.id,
    eventId: meeting.eventId,
    eventName: meeting.eventName,
    round: { id: meeting.roundId, name: meeting.roundName, position: meeting.roundPosition, mode: meeting.roundMode, timeZone: meeting.roundTimeZone },
    status: meeting.status,
    sequence: meeting.sequence,
    startsAtRoundLocal: toZonedIso(meeting.startsAt, meeting.roundTimeZone),
    person: party(meeting, side, own),
    otherParty: party(meeting, otherSide, others.get(otherId)),
    location: meeting.locationId && meeting.locationKind ? { id: meeting.locationId, name: meeting.locationName ?? '', kind: meeting.locationKind } : null,
    videoLink: meeting.videoLink,
    cancelledAt: meeting.cancelledAt ? meeting.cancelledAt.toISOString() : null,
  };
}

function sessionResponse(session: CalendarSessionRow, clock: ClockOf): CalendarSessionResponse {
  return {
    ...times(session.startsAt, session.endsAt, clock(session.startsAt)),
    id: session.id,
    eventId: session.eventId,
    eventName: session.eventName,
    titleKo: session.titleKo,
    titleEn: session.titleEn,
    kind: session.kind,
    part: session.part,
    room: session.roomId ? { id: session.roomId, nameKo: session.roomNameKo ?? '', nameEn: session.roomNameEn ?? '' } : null,
    startsAtEventLocal: toZonedIso(session.startsAt, session.eventTimeZone),
  };
}

function blockedSlotResponse(slot: BlockedSlotRow, clock: ClockOf): CalendarBlockedSlotResponse {
  return {
    ...times(slot.startsAt, slot.endsAt, clock(slot.startsAt)),
    eventId: slot.eventId,
    eventName: slot.eventName,
    roundId: slot.roundId,
    roundName: slot.roundName,
  };
}

function person(userId: string, name: string, organizationId: string | null, organizationName: string | null): LocationPersonResponse {
  return { userId, name, organization: organizationId && organizationName !== null ? { id: organizationId, name: organizationName } : null };
}

function meetingBooking(meeting: PlacedMeetingRow, zone: string): LocationBookingResponse {
  return {
    type: 'meeting',
    id: meeting.id,
    startsAt: meeting.startsAt.toISOString(),
    endsAt: meeting.endsAt.toISOString(),
    startsAtLocal: toZonedIso(meeting.startsAt, zone),
    endsAtLocal: toZonedIso(meeting.endsAt, zone),
    title: meeting.roundName,
    status: meeting.status,
    host: person(meeting.hostUserId, meeting.hostName, meeting.hostOrganizationId, meeting.hostOrganizationName),
    guest: person(meeting.guestUserId, meeting.guestName, meeting.guestOrganizationId, meeting.guestOrganizationName),
  };
}

function sessionBooking(session: CalendarSessionRow, zone: string): LocationBookingResponse {
  return {
    type: 'session',
    id: session.id,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    startsAtLocal: toZonedIso(session.startsAt, zone),
    endsAtLocal: toZonedIso(session.endsAt, zone),
    title: session.titleEn ?? session.titleKo ?? '',
    status: null,
    host: null,
    guest: null,
  };
}
