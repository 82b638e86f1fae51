import ICAL from 'ical.js';

/** One VEVENT as an independent parser (ical.js) reads it. */
export interface ParsedEvent {
  uid: string;
  sequence: number;
  status: string | null;
  summary: string;
  location: string | null;
  url: string | null;
  description: string;
  /** The instant, computed by ical.js from the DTSTART and the calendar's VTIMEZONE. */
  start: string;
  end: string;
  /** The TZID DTSTART names, and its wall-clock time there. */
  tzid: string | null;
  startLocal: string;
  attendees: string[];
  organizer: string | null;
  /** DTSTAMP and LAST-MODIFIED as instants. */
  stamp: string | null;
  lastModified: string | null;
}

function instantOf(component: ICAL.Component, name: string): string | null {
  const value = component.getFirstPropertyValue(name);
  return value instanceof ICAL.Time ? value.toJSDate().toISOString() : null;
}

export interface ParsedCalendar {
  method: string | null;
  timezones: string[];
  events: ParsedEvent[];
}

/**
 * Parses iCalendar text with ical.js (not the library that wrote it), resolving each TZID through the calendar's own
 * VTIMEZONE components: ical.js knows no zone but UTC by itself, so a missing or wrong VTIMEZONE shows as a wrong instant.
 */
export function parseIcs(text: string): ParsedCalendar {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const timezones = calendar.getAllSubcomponents('vtimezone').map((zone) => String(zone.getFirstPropertyValue('tzid')));
  const events = calendar.getAllSubcomponents('vevent').map((component): ParsedEvent => {
    const event = new ICAL.Event(component);
    const start = event.startDate;
    const dtstart = component.getFirstProperty('dtstart');
    const tzid = dtstart?.getParameter('tzid');
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: (component.getFirstPropertyValue('status') as string | null) ?? null,
      summary: event.summary,
      location: event.location ?? null,
      url: (component.getFirstPropertyValue('url') as string | null) ?? null,
      description: event.description ?? '',
      start: start.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      tzid: typeof tzid === 'string' ? tzid : null,
      startLocal: start.toString(),
      attendees: component.getAllProperties('attendee').map((property) => String(property.getFirstValue())),
      organizer: (component.getFirstPropertyValue('organizer') as string | null) ?? null,
      stamp: instantOf(component, 'dtstamp'),
      lastModified: instantOf(component, 'last-modified'),
    };
  });
  return { method: (calendar.getFirstPropertyValue('method') as string | null) ?? null, timezones, events };
}

export function eventByUid(calendar: ParsedCalendar, uid: string): ParsedEvent {
  const event = calendar.events.find((candidate) => candidate.uid === uid);
  if (!event) throw new Error(`no VEVENT with UID ${uid} among ${calendar.events.map((candidate) => candidate.uid).join(', ')}`);
  return event;
}
