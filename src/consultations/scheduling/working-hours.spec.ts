import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSlotGrid } from './slot-grid';
import { clockMinutes, withinWorkingHours } from './working-hours';

const EIGHT_TO_EIGHT = { from: 8 * 60, to: 20 * 60 };
const slot = (startsAt: string, minutes = 30) => ({ startsAt: new Date(startsAt), endsAt: new Date(Date.parse(startsAt) + minutes * 60_000) });

describe('clockMinutes', () => {
  it('reads HH:mm, up to 24:00', () => {
    assert.equal(clockMinutes('08:00'), 480);
    assert.equal(clockMinutes('24:00'), 1440);
    assert.equal(clockMinutes('24:30'), null);
    assert.equal(clockMinutes('8:00'), null);
    assert.equal(clockMinutes('12:60'), null);
  });
});

describe('withinWorkingHours', () => {
  it('puts a Seoul evening slot inside Boston morning hours in April (13 hours apart)', () => {
    const evening = slot('2023-04-19T11:00:00Z'); // 20:00 in Seoul, 07:00 in Boston
    assert.equal(withinWorkingHours(evening, 'Asia/Seoul', EIGHT_TO_EIGHT), false);
    assert.equal(withinWorkingHours(slot('2023-04-19T12:00:00Z'), 'America/New_York', EIGHT_TO_EIGHT), true); // 08:00 in Boston
    assert.equal(withinWorkingHours(evening, 'America/New_York', EIGHT_TO_EIGHT), false);
  });

  it('moves with the US DST change while Seoul stays put', () => {
    // 08:00 in Seoul is 18:00 in Boston before the change (14 hours apart), 19:00 after (13 hours).
    const grid = buildSlotGrid({
      timeZone: 'Asia/Seoul',
      slotMinutes: 60,
      gapMinutes: 0,
      windows: ['2023-03-10', '2023-03-14'].map((date) => ({ date, startsAtTime: '08:00', endsAtTime: '12:00' })),
    });
    const inBoth = grid
      .filter((candidate) => withinWorkingHours(candidate, 'Asia/Seoul', EIGHT_TO_EIGHT) && withinWorkingHours(candidate, 'America/New_York', EIGHT_TO_EIGHT))
      .map((candidate) => candidate.startsAt.toISOString());
    // 10 March: Seoul 08:00 and 09:00 (Boston 18:00, 19:00); 14 March: only Seoul 08:00 (Boston 19:00).
    assert.deepEqual(inBoth, ['2023-03-09T23:00:00.000Z', '2023-03-10T00:00:00.000Z', '2023-03-13T23:00:00.000Z']);
  });

  it('refuses a slot across local midnight unless the hours run to 24:00 and it ends there', () => {
    assert.equal(withinWorkingHours(slot('2023-04-19T14:30:00Z'), 'Asia/Seoul', { from: 0, to: 1440 }), true); // 23:30-24:00
    assert.equal(withinWorkingHours(slot('2023-04-19T14:45:00Z'), 'Asia/Seoul', { from: 0, to: 1440 }), false); // 23:45-00:15
    assert.equal(withinWorkingHours(slot('2023-04-19T14:30:00Z'), 'Asia/Seoul', EIGHT_TO_EIGHT), false);
  });
});
