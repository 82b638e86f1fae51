import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { eventByUid, parseIcs, ParsedCalendar } from '../../../test/support/ics';
import { LocationKind, MeetingStatus, RoundMode } from '../../consultations/consultation.enums';
import { Language } from '../../users/language';
import { CalendarMeetingRow, CalendarSessionRow } from '../calendar-reads.service';
import { feedCalendarText, icsTimeZone, invitationText, IcsReader } from './calendar-ics';

const at = (iso: string): Date => new Date(iso);

const reader: IcsReader = { userId: 'b0000000-0000-4000-8000-000000000002', name: 'Kim Seojun', email: 'seojun@example.com', language: Language.English };

let counter = 0;

/** A confirmed meeting at a table, in `zone`, from `startsAt` to `endsAt`. */
function meeting(zone: string, startsAt: string, endsAt: string): CalendarMeetingRow {
  counter += 1;
  return {
    id: `a0000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    eventId: 'e0000000-0000-4000-8000-000000000001',
    eventName: 'Consultation day',
    venueName: 'Venue',
    venueAddress: null,
    roundId: 'c0000000-0000-4000-8000-000000000001',
    roundName: 'Round 3: main consultation',
    roundPosition: 3,
    roundMode: RoundMode.OnSite,
    roundTimeZone: zone,
    status: MeetingStatus.Confirmed,
    sequence: 0,
    startsAt: at(startsAt),
    endsAt: at(endsAt),
    locationId: 'd0000000-0000-4000-8000-000000000001',
    locationName: 'Table 1',
    locationKind: LocationKind.Table,
    videoLink: null,
    cancelledAt: null,
    lastModified: at('2023-10-01T00:00:00Z'),
    hostUserId: 'b0000000-0000-4000-8000-000000000001',
    hostName: 'Emily Carter',
    hostOrganizationId: null,
    hostOrganizationName: null,
    guestUserId: reader.userId,
    guestName: reader.name,
    guestOrganizationId: null,
    guestOrganizationName: null,
  };
}

function session(zone: string, startsAt: string, endsAt: string): CalendarSessionRow {
  counter += 1;
  return {
    id: `f0000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    eventId: 'e0000000-0000-4000-8000-000000000001',
    eventName: 'Consultation day',
    eventTimeZone: zone,
    venueName: null,
    venueAddress: null,
    titleKo: null,
    titleEn: 'Late networking',
    kind: 'networking',
    part: 'registered',
    roomId: null,
    roomNameKo: null,
    roomNameEn: null,
    startsAt: at(startsAt),
    endsAt: at(endsAt),
    lastModified: at('2023-10-01T00:00:00Z'),
  };
}

function feed(meetings: CalendarMeetingRow[], sessions: CalendarSessionRow[] = []): { text: string; calendar: ParsedCalendar } {
  const text = feedCalendarText(reader, meetings, sessions, 15);
  return { text, calendar: parseIcs(text) };
}

/** Every TZID a DTSTART or DTEND names has its VTIMEZONE in the calendar. */
function assertEveryTzidDescribed(text: string, calendar: ParsedCalendar): void {
  const named = new Set([...text.matchAll(/^DT(?:START|END);TZID=([^:;]+):/gm)].map((match) => match[1]));
  for (const zone of named) assert.ok(calendar.timezones.includes(zone), `TZID=${zone} has no VTIMEZONE in:\n${text}`);
}

describe('ICS times', () => {
  it('writes a zone the VTIMEZONE generator does not know under a name it knows, or in UTC: never a TZID without VTIMEZONE', () => {
    // Intl accepts all of these; @touch4it/ical-timezones 1.9 has none of them under this name.
    const zones = ['Europe/Kyiv', 'Asia/Saigon', 'America/Indianapolis', 'EST5EDT', 'America/Ciudad_Juarez'];
    for (const zone of zones) assert.equal(getVtimezoneComponent(zone), null, `${zone} became known to the generator: pick another zone`);
    const meetings = [
      meeting('Europe/Kyiv', '2023-04-28T06:00:00Z', '2023-04-28T06:30:00Z'),
      meeting('Asia/Saigon', '2023-04-28T02:00:00Z', '2023-04-28T02:30:00Z'),
      meeting('America/Indianapolis', '2023-04-28T13:00:00Z', '2023-04-28T13:30:00Z'),
      meeting('EST5EDT', '2023-04-28T14:00:00Z', '2023-04-28T14:30:00Z'),
      meeting('America/Ciudad_Juarez', '2023-04-28T15:00:00Z', '2023-04-28T15:30:00Z'),
    ];
    const { text, calendar } = feed(meetings, [session('Asia/Saigon', '2023-04-28T11:00:00Z', '2023-04-28T12:00:00Z')]);
    assertEveryTzidDescribed(text, calendar);
    for (const row of meetings) {
      const event = eventByUid(calendar, `${row.id}@matchday`);
      assert.deepEqual([event.start, event.end], [row.startsAt.toISOString(), row.endsAt.toISOString()], row.roundTimeZone);
      assert.ok(event.tzid === null || getVtimezoneComponent(event.tzid), `${row.roundTimeZone} written with TZID ${event.tzid}`);
    }
    assert.equal(calendar.events.at(-1)!.start, '2023-04-28T11:00:00.000Z');
    // Nothing the generator describes: UTC.
    assert.equal(icsTimeZone('America/Ciudad_Juarez', meetings[4].startsAt, meetings[4].endsAt), null);
    assert.match(text, /^DTSTART:20230428T150000Z\r$/m);
    // Zones it knows keep their own name.
    assert.equal(icsTimeZone('America/New_York', at('2023-04-28T13:00:00Z'), at('2023-04-28T13:30:00Z')), 'America/New_York');
  });

  it('writes times whose wall clock occurs twice (the autumn hour) in UTC, so no reader can take the wrong pass', () => {
    const before = meeting('America/New_York', '2023-11-05T04:00:00Z', '2023-11-05T04:30:00Z');
    const firstPass = meeting('America/New_York', '2023-11-05T05:00:00Z', '2023-11-05T05:30:00Z');
    const secondPass = meeting('America/New_York', '2023-11-05T06:00:00Z', '2023-11-05T06:30:00Z');
    const endingInRepeat = meeting('America/New_York', '2023-11-05T04:45:00Z', '2023-11-05T05:15:00Z');
    const after = meeting('America/New_York', '2023-11-05T07:00:00Z', '2023-11-05T07:30:00Z');
    const late = session('America/New_York', '2023-11-05T06:10:00Z', '2023-11-05T06:50:00Z');
    const { text, calendar } = feed([before, firstPass, secondPass, endingInRepeat, after], [late]);
    assertEveryTzidDescribed(text, calendar);
    const read = (uid: string) => {
      const event = eventByUid(calendar, uid);
      return [event.tzid, event.startLocal, event.start, event.end];
    };
    // 00:00 EDT and 02:00 EST happen once: on New York's clock.
    assert.deepEqual(read(`${before.id}@matchday`), ['America/New_York', '2023-11-05T00:00:00', '2023-11-05T04:00:00.000Z', '2023-11-05T04:30:00.000Z']);
    assert.deepEqual(read(`${after.id}@matchday`), ['America/New_York', '2023-11-05T02:00:00', '2023-11-05T07:00:00.000Z', '2023-11-05T07:30:00.000Z']);
    // 01:00 EDT and 01:00 EST: written as 01:00 in New York, a reader must guess (ical.js takes EST for both).
    assert.deepEqual(read(`${firstPass.id}@matchday`), [null, '2023-11-05T05:00:00Z', '2023-11-05T05:00:00.000Z', '2023-11-05T05:30:00.000Z']);
    assert.deepEqual(read(`${secondPass.id}@matchday`), [null, '2023-11-05T06:00:00Z', '2023-11-05T06:00:00.000Z', '2023-11-05T06:30:00.000Z']);
    // 00:45 EDT to 01:15 EDT: the end alone is ambiguous, and both go in UTC.
    assert.deepEqual(read(`${endingInRepeat.id}@matchday`), [null, '2023-11-05T04:45:00Z', '2023-11-05T04:45:00.000Z', '2023-11-05T05:15:00.000Z']);
    assert.deepEqual(read(`${late.id}@matchday`), [null, '2023-11-05T06:10:00Z', '2023-11-05T06:10:00.000Z', '2023-11-05T06:50:00.000Z']);
    // The invitation a reminder attaches reads the same.
    const invitation = parseIcs(invitationText(secondPass, 'REQUEST', reader, { name: 'Matchday', email: 'noreply@example.com' }, []));
    assert.deepEqual([invitation.events[0].tzid, invitation.events[0].start], [null, '2023-11-05T06:00:00.000Z']);
  });

  it('dates DTSTAMP and LAST-MODIFIED by the row’s last change', () => {
    const row = { ...meeting('Asia/Seoul', '2023-04-19T11:00:00Z', '2023-04-19T11:30:00Z'), lastModified: at('2023-04-15T08:09:10Z') };
    const event = feed([row]).calendar.events[0];
    assert.deepEqual([event.stamp, event.lastModified], ['2023-04-15T08:09:10.000Z', '2023-04-15T08:09:10.000Z']);
  });
});
