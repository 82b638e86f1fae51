import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZoneSchedule } from '../users/zone-schedule';
import { planDailyDigests } from './notification-reconciler.service';

const seoul = new ZoneSchedule('Asia/Seoul', []);
const boston = new ZoneSchedule('America/New_York', []);
/** Lives in Seoul, in Boston from 19 to 28 April 2023. */
const traveller = new ZoneSchedule('Asia/Seoul', [{ timeZone: 'America/New_York', startsOn: '2023-04-19', endsOn: '2023-04-28' }]);

function plan(busy: Array<{ userId: string; startsAt: Date }>, now: Date) {
  const schedules = new Map([
    ['seoul', seoul],
    ['boston', boston],
    ['traveller', traveller],
  ]);
  return planDailyDigests(busy, schedules, now).map((row) => [row.recipientUserId, row.payload.date, row.payload.timeZone, row.dueAt.toISOString(), row.dedupeKey]);
}

describe('planDailyDigests', () => {
  it('plans each person’s digest at 08:00 of their own day: one meeting, Seoul and Boston', () => {
    // 09:00 on 20 April in Seoul is 20:00 on 19 April in Boston.
    const startsAt = new Date('2023-04-20T00:00:00Z');
    assert.deepEqual(
      plan(
        [
          { userId: 'seoul', startsAt },
          { userId: 'boston', startsAt },
        ],
        new Date('2023-04-18T00:00:00Z'),
      ),
      [
        ['seoul', '2023-04-20', 'Asia/Seoul', '2023-04-19T23:00:00.000Z', 'daily-digest:seoul:2023-04-20'],
        ['boston', '2023-04-19', 'America/New_York', '2023-04-19T12:00:00.000Z', 'daily-digest:boston:2023-04-19'],
      ],
    );
  });

  it('follows a travel range: the traveller’s digest is at 08:00 in Boston while there', () => {
    const startsAt = new Date('2023-04-27T14:00:00Z');
    assert.deepEqual(plan([{ userId: 'traveller', startsAt }], new Date('2023-04-26T00:00:00Z')), [
      ['traveller', '2023-04-27', 'America/New_York', '2023-04-27T12:00:00.000Z', 'daily-digest:traveller:2023-04-27'],
    ]);
  });

  it('keeps 08:00 local across the change to daylight saving time', () => {
    // 12 March 2023: clocks in Boston go from 02:00 EST to 03:00 EDT; 08:00 that day is 12:00Z, not 13:00Z.
    assert.deepEqual(plan([{ userId: 'boston', startsAt: new Date('2023-03-12T15:00:00Z') }], new Date('2023-03-11T00:00:00Z')), [
      ['boston', '2023-03-12', 'America/New_York', '2023-03-12T12:00:00.000Z', 'daily-digest:boston:2023-03-12'],
    ]);
  });

  it('plans nothing whose 08:00 has passed, and nothing for people it has no zone for', () => {
    const startsAt = new Date('2023-04-20T05:00:00Z');
    assert.deepEqual(
      plan(
        [
          { userId: 'seoul', startsAt },
          { userId: 'gone', startsAt },
        ],
        new Date('2023-04-20T00:00:00Z'),
      ),
      [],
    );
  });
});
