import assert from 'node:assert/strict';
import { Actor } from './actors';
import { addParticipant, ConsultationWorld, createConsultationWorld, createRoundRow, RoundFixture } from './consultation-fixtures';
import { TestApp } from './test-app';

/**
 * The Boston consultation as calendars see it: an investor in Boston, a founder in Seoul, the video round before
 * departure on Seoul's clock and the main day on Boston's. Additive: add options, do not change what they mean.
 */
export interface CalendarWorld extends ConsultationWorld {
  host: Actor;
  guest: Actor;
  /** Round 1: online, Asia/Seoul, 19 April 2023 20:00-23:00, 30-minute slots with 10 minutes between. */
  online: RoundFixture;
  /** Round 3: on site, America/New_York, 28 April 2023 09:00-12:00, 30-minute slots, up to 3 meetings a pair; Table 1, 2, 10. */
  onSite: RoundFixture;
}

export const VIDEO_TEMPLATE = 'https://meet.example.com/matchday-{meetingId}';

export async function createCalendarWorld(testApp: TestApp): Promise<CalendarWorld> {
  const world = await createConsultationWorld(testApp);
  const host = await addParticipant(testApp, world, 'host', { name: 'Emily Carter', timeZone: 'America/New_York', organizationName: 'Charles River Bio Ventures' });
  const guest = await addParticipant(testApp, world, 'guest', { name: 'Kim Seojun', timeZone: 'Asia/Seoul', organizationName: 'NeuroBridge Therapeutics' });
  const online = await createRoundRow(testApp, world.eventId, world.programmeId, {
    name: 'Round 1: video consultation before departure',
    mode: 'online',
    timeZone: 'Asia/Seoul',
    gapMinutes: 10,
    windows: [{ date: '2023-04-19', startsAtTime: '20:00', endsAtTime: '23:00' }],
    videoLinkRule: 'template',
    videoLinkTemplate: VIDEO_TEMPLATE,
  });
  const onSite = await createRoundRow(testApp, world.eventId, world.programmeId, {
    name: 'Round 3: main consultation',
    maxMeetingsPerPair: 3,
    locations: [{ name: 'Table 1' }, { name: 'Table 2' }, { name: 'Table 10' }],
  });
  return { ...world, host, guest, online, onSite };
}

/** An organizer puts a host and a guest in a slot (confirmed unless said otherwise); returns the meeting's id. */
export async function organizerBooks(
  testApp: TestApp,
  world: ConsultationWorld,
  round: RoundFixture,
  host: Actor,
  guest: Actor,
  startsAt: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const response = await testApp
    .http()
    .post(`/events/${world.eventId}/consultation-rounds/${round.id}/meetings`)
    .set(world.organizer.auth)
    .send({ hostUserId: host.id, guestUserId: guest.id, startsAt, ...extra });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.id;
}

/** Creates an agenda session as the organizer; returns its id. */
export async function createSession(testApp: TestApp, world: ConsultationWorld, body: Record<string, unknown>): Promise<string> {
  const response = await testApp.http().post(`/events/${world.eventId}/sessions`).set(world.organizer.auth).send({ kind: 'lecture', ...body });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.id;
}
