import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSlotGrid, findSlot, overlaps } from './slot-grid';

const iso = (slots: Array<{ startsAt: Date }>): string[] => slots.map((slot) => slot.startsAt.toISOString());

describe('buildSlotGrid', () => {
  it('cuts a Boston morning into 30-minute slots with 10-minute gaps', () => {
    const grid = buildSlotGrid({
      timeZone: 'America/New_York',
      slotMinutes: 30,
      gapMinutes: 10,
      windows: [{ date: '2023-04-28', startsAtTime: '09:00', endsAtTime: '11:00' }],
    });
    // 09:00, 09:40, 10:20 EDT (UTC-4); 11:00 would end after the window.
    assert.deepEqual(iso(grid), ['2023-04-28T13:00:00.000Z', '2023-04-28T13:40:00.000Z', '2023-04-28T14:20:00.000Z']);
    assert.equal(grid[0].endsAt.toISOString(), '2023-04-28T13:30:00.000Z');
  });

  it('puts a Seoul evening video round at the same instants as the Boston morning before it', () => {
    const seoul = buildSlotGrid({ timeZone: 'Asia/Seoul', slotMinutes: 30, gapMinutes: 0, windows: [{ date: '2023-04-20', startsAtTime: '22:00', endsAtTime: '23:00' }] });
    const boston = buildSlotGrid({ timeZone: 'America/New_York', slotMinutes: 30, gapMinutes: 0, windows: [{ date: '2023-04-20', startsAtTime: '09:00', endsAtTime: '10:00' }] });
    assert.deepEqual(iso(seoul), iso(boston));
  });

  it('keeps slots their real length across the spring DST change', () => {
    const grid = buildSlotGrid({ timeZone: 'America/New_York', slotMinutes: 60, gapMinutes: 0, windows: [{ date: '2023-03-12', startsAtTime: '01:00', endsAtTime: '04:00' }] });
    // 01:00 EST, then 03:00 EDT (02:00 does not exist); 04:00 EDT is only two real hours after 01:00 EST.
    assert.deepEqual(iso(grid), ['2023-03-12T06:00:00.000Z', '2023-03-12T07:00:00.000Z']);
  });

  it('keeps slots their real length across the autumn DST change: the repeated hour has its slots twice', () => {
    const grid = buildSlotGrid({ timeZone: 'America/New_York', slotMinutes: 60, gapMinutes: 0, windows: [{ date: '2023-11-05', startsAtTime: '00:00', endsAtTime: '03:00' }] });
    // 00:00 and 01:00 EDT, 01:00 and 02:00 EST: 00:00-03:00 on the wall clock is four real hours.
    assert.deepEqual(iso(grid), ['2023-11-05T04:00:00.000Z', '2023-11-05T05:00:00.000Z', '2023-11-05T06:00:00.000Z', '2023-11-05T07:00:00.000Z']);
    assert.ok(grid.every((slot) => slot.endsAt.getTime() - slot.startsAt.getTime() === 3_600_000));
  });

  it('orders slots of several days and windows', () => {
    const grid = buildSlotGrid({
      timeZone: 'Asia/Seoul',
      slotMinutes: 20,
      gapMinutes: 0,
      windows: [
        { date: '2023-11-09', startsAtTime: '14:00', endsAtTime: '14:40' },
        { date: '2023-11-08', startsAtTime: '10:00', endsAtTime: '10:20' },
      ],
    });
    assert.deepEqual(iso(grid), ['2023-11-08T01:00:00.000Z', '2023-11-09T05:00:00.000Z', '2023-11-09T05:20:00.000Z']);
  });
});

describe('findSlot and overlaps', () => {
  it('finds only slots that start exactly there, and tells overlap from touching', () => {
    const grid = buildSlotGrid({ timeZone: 'UTC', slotMinutes: 30, gapMinutes: 0, windows: [{ date: '2023-01-01', startsAtTime: '09:00', endsAtTime: '10:00' }] });
    assert.ok(findSlot(grid, new Date('2023-01-01T09:30:00Z')));
    assert.equal(findSlot(grid, new Date('2023-01-01T09:15:00Z')), undefined);
    assert.equal(overlaps(grid[0], grid[1]), false);
    assert.equal(overlaps(grid[0], { startsAt: new Date('2023-01-01T09:15:00Z'), endsAt: new Date('2023-01-01T09:45:00Z') }), true);
  });
});
