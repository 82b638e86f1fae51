import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendar, ICalCalendarMethod, ICalEventStatus, ICalLuxonDateTimeStub } from 'ical-generator';
import { isAmbiguousWallClock, toZonedIso } from '../../common/time/zoned-time';
import { MeetingStatus, RoundMode } from '../../consultations/consultation.enums';
import { Language } from '../../users/language';
import { CalendarMeetingRow, CalendarSessionRow } from '../calendar-reads.service';

export type InvitationMethod = 'REQUEST' | 'CANCEL';

/** Who a calendar is written for: the texts follow their language; a party sees the meeting from their side. */
export interface IcsReader {
  userId: string;
  name: string;
  email: string;
  language: Language;
}

export interface IcsAddress {
  name: string;
  email: string;
}

const PRODUCT = { company: 'Matchday', product: 'Matchday calendars', language: 'EN' };

/** A meeting's UID: the same in every feed, download and invitation, for as long as the meeting exists. */
export function meetingUid(meetingId: string): string {
  return `${meetingId}@matchday`;
}

export function sessionUid(sessionId: string): string {
  return `${sessionId}@matchday`;
}

/**
 * An instant on a zone's wall clock, in the shape ical-generator takes Luxon dates in (its ICalLuxonDateTimeStub): it
 * only asks for the date and the time of day, which toZonedIso works out once per zone and instant. A feed of forty
 * meetings would otherwise go through Intl some two hundred times.
 */
class WallClock implements ICalLuxonDateTimeStub {
  readonly isValid = true;
  readonly zone = { type: 'iana' };

  constructor(
    private readonly instant: Date,
    private readonly timeZone: string,
  ) {}

  setZone(zone?: string): WallClock {
    return zone === undefined || zone === this.timeZone ? this : new WallClock(this.instant, zone);
  }

  /** The two formats ical-generator uses: the date (yyyyLLdd) and the time of day (HHmmss). */
  toFormat(format: string): string {
    const local = toZonedIso(this.instant, this.timeZone).slice(0, 19).replace(/[-:]/g, '');
    if (format === 'yyyyLLdd') return local.slice(0, 8);
    if (format === 'HHmmss') return local.slice(9, 15);
    throw new Error(`WallClock cannot format ${format}`);
  }

  toJSDate(): Date {
    return this.instant;
  }

  toJSON(): string {
    return this.instant.toISOString();
  }
}

function newCalendar(): ICalCalendar {
  const calendar = ical({ prodId: PRODUCT });
  // DTSTART carries the TZID of its round or event (see icsTimeZone); each zone used gets its VTIMEZONE (RFC 5545
  // 3.6.5), from the generator ical-generator's documentation recommends. Events without a zone are written in UTC.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  return calendar;
}

/** Zones by the TZID the VTIMEZONE generator describes them under (null: none); a few hundred at most. */
const describedZones = new Map<string, string | null>();

/**
 * The name under which the VTIMEZONE generator knows a zone: the zone itself, else the canonical name Intl gives an
 * alias (Europe/Kyiv is Europe/Kiev to @touch4it/ical-timezones 1.9); null when it knows neither, as for zones newer
 * than its data. Intl accepts every one of these, so rounds and events may be in them.
 */
function describedZone(zone: string): string | null {
  let described = describedZones.get(zone);
  if (described === undefined) {
    described = getVtimezoneComponent(zone) ? zone : null;
    if (described === null) {
      const canonical = canonicalZone(zone);
      if (canonical !== zone && getVtimezoneComponent(canonical)) described = canonical;
    }
    describedZones.set(zone, described);
  }
  return described;
}

function canonicalZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}

/**
 * The TZID to write an item's DTSTART and DTEND with, or null to write both in UTC. UTC when no VTIMEZONE describes the
 * zone (a TZID without one is a broken calendar), and when either time's wall clock occurs twice: RFC 5545 (3.3.5) reads
 * such a local time as its first occurrence, but readers differ (ical.js takes the second), and UTC leaves no doubt.
 */
export function icsTimeZone(zone: string, startsAt: Date, endsAt: Date): string | null {
  const described = describedZone(zone);
  if (described === null || isAmbiguousWallClock(startsAt, zone) || isAmbiguousWallClock(endsAt, zone)) return null;
  return described;
}

/** DTSTART, DTEND and TZID of an item: on the zone's wall clock, or in UTC when icsTimeZone says so. */
function eventTimes(zone: string, startsAt: Date, endsAt: Date): { start: WallClock | Date; end: WallClock | Date; timezone: string | null } {
  const tzid = icsTimeZone(zone, startsAt, endsAt);
  if (tzid === null) return { start: startsAt, end: endsAt, timezone: null };
  return { start: new WallClock(startsAt, tzid), end: new WallClock(endsAt, tzid), timezone: tzid };
}

function statusOf(status: MeetingStatus): ICalEventStatus {
  if (status === MeetingStatus.Cancelled) return ICalEventStatus.CANCELLED;
  if (status === MeetingStatus.Requested) return ICalEventStatus.TENTATIVE;
  return ICalEventStatus.CONFIRMED;
}

function withOrganization(name: string, organization: string | null): string {
  return organization && !name.includes(organization) ? `${name} (${organization})` : name;
}

function meetingSummary(meeting: CalendarMeetingRow, reader: IcsReader): string {
  const host = withOrganization(meeting.hostName, meeting.hostOrganizationName);
  const guest = withOrganization(meeting.guestName, meeting.guestOrganizationName);
  const other = reader.userId === meeting.hostUserId ? guest : reader.userId === meeting.guestUserId ? host : null;
  if (reader.language === Language.Korean) return other ? `1:1 상담: ${other}` : `1:1 상담: ${host} – ${guest}`;
  return other ? `1:1 with ${other}` : `1:1: ${host} – ${guest}`;
}

function meetingLocation(meeting: CalendarMeetingRow): string | null {
  if (meeting.roundMode === RoundMode.Online) return meeting.videoLink ?? 'Online';
  const venue = [meeting.venueName, meeting.venueAddress].filter(Boolean).join(', ');
  return [meeting.locationName, venue].filter(Boolean).join(' – ') || null;
}

function meetingDescription(meeting: CalendarMeetingRow, reader: IcsReader): string {
  const korean = reader.language === Language.Korean;
  const lines = [
    `${meeting.eventName}`,
    `${meeting.roundName}`,
    `${korean ? '투자자/전문가' : 'Host'}: ${withOrganization(meeting.hostName, meeting.hostOrganizationName)}`,
    `${korean ? '기업' : 'Startup'}: ${withOrganization(meeting.guestName, meeting.guestOrganizationName)}`,
  ];
  if (meeting.videoLink) lines.push(`${korean ? '화상 링크' : 'Video link'}: ${meeting.videoLink}`);
  if (meeting.locationName) lines.push(`${korean ? '장소' : 'Place'}: ${meeting.locationName}`);
  if (meeting.status === MeetingStatus.Requested) lines.push(korean ? '상대방의 확정을 기다리는 중입니다.' : 'Waiting for the other side to confirm.');
  if (meeting.status === MeetingStatus.Cancelled) lines.push(korean ? '취소된 상담입니다.' : 'This meeting was cancelled.');
  return lines.join('\n');
}

/** Double quotes cannot appear in a quoted parameter such as CN (RFC 5545 3.2). */
function parameterSafe(text: string): string {
  return text.replace(/"/g, "'");
}

function addMeeting(calendar: ICalCalendar, meeting: CalendarMeetingRow, reader: IcsReader): ReturnType<ICalCalendar['createEvent']> {
  return calendar.createEvent({
    id: meetingUid(meeting.id),
    sequence: meeting.sequence,
    // The last change: what DTSTAMP means in a feed (no METHOD, RFC 5545 3.8.7.2), and in an iTIP message it orders
    // versions of equal SEQUENCE as they happened. It keeps the text, and so the feed's ETag, stable between changes.
    // Changes to the event or the people's names count too: they change SUMMARY, LOCATION and DESCRIPTION.
    stamp: meeting.lastModified,
    lastModified: meeting.lastModified,
    ...eventTimes(meeting.roundTimeZone, meeting.startsAt, meeting.endsAt),
    summary: meetingSummary(meeting, reader),
    location: meetingLocation(meeting),
    url: meeting.videoLink,
    description: meetingDescription(meeting, reader),
    status: statusOf(meeting.status),
  });
}

function sessionTitle(session: CalendarSessionRow, language: Language): string {
  return (language === Language.Korean ? (session.titleKo ?? session.titleEn) : (session.titleEn ?? session.titleKo)) ?? '';
}

function addSession(calendar: ICalCalendar, session: CalendarSessionRow, reader: IcsReader): void {
  const korean = reader.language === Language.Korean;
  const room = korean ? (session.roomNameKo ?? session.roomNameEn) : (session.roomNameEn ?? session.roomNameKo);
  const venue = [session.venueName, session.venueAddress].filter(Boolean).join(', ');
  const part = {
    speaker: korean ? '발표자로 참여합니다.' : 'You speak at this session.',
    registered: korean ? '참가 등록되었습니다.' : 'You hold a seat.',
    waitlisted: korean ? '대기자 명단에 있습니다.' : 'You are on the waitlist.',
  }[session.part];
  calendar.createEvent({
    id: sessionUid(session.id),
    // Sessions keep no history to count; calendar apps follow LAST-MODIFIED for them.
    sequence: 0,
    stamp: session.lastModified,
    lastModified: session.lastModified,
    ...eventTimes(session.eventTimeZone, session.startsAt, session.endsAt),
    summary: sessionTitle(session, reader.language),
    location: [room, venue].filter(Boolean).join(' – ') || null,
    description: `${session.eventName}\n${part}`,
    status: session.part === 'waitlisted' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
  });
}

/**
 * A person's subscription feed: their meetings (cancelled ones kept with STATUS:CANCELLED while the caller includes
 * them) and sessions, each in its round or event zone (or in UTC, see icsTimeZone). No METHOD: it is published, not an
 * invitation.
 */
export function feedCalendarText(reader: IcsReader, meetings: CalendarMeetingRow[], sessions: CalendarSessionRow[], refreshMinutes: number): string {
  const calendar = newCalendar();
  calendar.name(reader.language === Language.Korean ? `Matchday 일정 – ${reader.name}` : `Matchday – ${reader.name}`);
  calendar.ttl(refreshMinutes * 60);
  for (const meeting of meetings) addMeeting(calendar, meeting, reader);
  for (const session of sessions) addSession(calendar, session, reader);
  return calendar.toString();
}

/**
 * One meeting as an iTIP message (RFC 5546): METHOD:REQUEST for a booked, changed or confirmed meeting, METHOD:CANCEL
 * for a cancelled one, with the meeting's UID and SEQUENCE so a calendar app updates or removes its copy. Matchday is
 * the ORGANIZER; the ATTENDEE is the reader (both parties when the reader is an organizer, who may see their
 * addresses). The other party is named in SUMMARY and DESCRIPTION, never by address.
 */
export function invitationText(meeting: CalendarMeetingRow, method: InvitationMethod, reader: IcsReader, organizer: IcsAddress, parties: IcsAddress[]): string {
  const calendar = newCalendar();
  calendar.method(method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST);
  const event = addMeeting(calendar, meeting, reader);
  if (method === 'CANCEL') event.status(ICalEventStatus.CANCELLED);
  event.organizer({ name: parameterSafe(`Matchday – ${meeting.eventName}`), email: organizer.email });
  const isParty = reader.userId === meeting.hostUserId || reader.userId === meeting.guestUserId;
  const attendees = isParty ? [{ name: reader.name, email: reader.email }] : parties;
  for (const attendee of attendees) {
    event.createAttendee({
      name: parameterSafe(attendee.name),
      email: attendee.email,
      role: ICalAttendeeRole.REQ,
      status:
        method === 'CANCEL' ? ICalAttendeeStatus.DECLINED : meeting.status === MeetingStatus.Requested ? ICalAttendeeStatus.NEEDSACTION : ICalAttendeeStatus.ACCEPTED,
      rsvp: false,
    });
  }
  return calendar.toString();
}
