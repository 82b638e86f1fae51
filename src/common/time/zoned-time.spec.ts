import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAmbiguousWallClock, parseZonedTime, toZonedIso } from './zoned-time';

const at = (iso: string): Date => new Date(iso);

function instantOf(value: string, zone: string): string {
  const result = parseZonedTime(value, zone);
  assert.ok(result.ok, JSON.stringify(result));
  return result.instant.toISOString();
}

describe('parseZonedTime', () => {
  it('takes a wall-clock time in the given zone', () => {
    assert.equal(instantOf('2023-11-08T10:00', 'Asia/Seoul'), '2023-11-08T01:00:00.000Z');
    assert.equal(instantOf('2023-04-28T09:00', 'America/New_York'), '2023-04-28T13:00:00.000Z');
  });

  it('keeps an explicit offset whatever the zone', () => {
    assert.equal(instantOf('2023-04-28T09:00:00-04:00', 'Asia/Seoul'), '2023-04-28T13:00:00.000Z');
    assert.equal(instantOf('2023-11-08T01:00:00Z', 'America/New_York'), '2023-11-08T01:00:00.000Z');
  });

  it('puts 9:00 in Boston and 22:00 in Seoul at the same instant in April (13 hours apart)', () => {
    assert.equal(instantOf('2023-04-27T09:00', 'America/New_York'), instantOf('2023-04-27T22:00', 'Asia/Seoul'));
  });

  it('refuses a wall-clock time skipped by the spring DST change', () => {
    const result = parseZonedTime('2023-03-12T02:30', 'America/New_York');
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /does not exist/);
  });

  it('takes the first of the two 01:30s of the autumn change', () => {
    assert.equal(instantOf('2023-11-05T01:30', 'America/New_York'), '2023-11-05T05:30:00.000Z');
  });

  it('takes the first of the two 01:40s of a 30-minute change (Lord Howe Island, 2 April 2023)', () => {
    assert.equal(instantOf('2023-04-02T01:40', 'Australia/Lord_Howe'), '2023-04-01T14:40:00.000Z');
  });

  it('refuses what is not a time', () => {
    assert.equal(parseZonedTime('tomorrow at ten', 'Asia/Seoul').ok, false);
    assert.equal(parseZonedTime('2023-02-30T10:00', 'Asia/Seoul').ok, false);
  });

  it('answers the same time the same way each time, in its zone, and never hands out a shared Date', () => {
    const first = parseZonedTime('2023-04-28T09:00', 'America/New_York');
    assert.ok(first.ok);
    first.instant.setTime(0);
    const second = parseZonedTime('2023-04-28T09:00', 'America/New_York');
    assert.ok(second.ok);
    assert.equal(second.instant.toISOString(), '2023-04-28T13:00:00.000Z');
    const inSeoul = parseZonedTime('2023-04-28T09:00', 'Asia/Seoul');
    assert.ok(inSeoul.ok);
    assert.equal(inSeoul.instant.toISOString(), '2023-04-28T00:00:00.000Z');
  });
});

describe('toZonedIso', () => {
  it('shows an instant on the wall clock of the zone, with its offset', () => {
    const instant = new Date('2023-04-28T13:00:00Z');
    assert.equal(toZonedIso(instant, 'America/New_York'), '2023-04-28T09:00:00-04:00');
    assert.equal(toZonedIso(instant, 'Asia/Seoul'), '2023-04-28T22:00:00+09:00');
  });
});

describe('isAmbiguousWallClock', () => {
  it('is true for both passes through the hour New York’s clocks go back, and only for them', () => {
    // 5 November 2023: 02:00 EDT (06:00 UTC) becomes 01:00 EST; 01:00 to 01:59 happen twice.
    assert.equal(isAmbiguousWallClock(at('2023-11-05T04:59:00Z'), 'America/New_York'), false, '00:59 EDT happens once');
    assert.equal(isAmbiguousWallClock(at('2023-11-05T05:00:00Z'), 'America/New_York'), true, '01:00 EDT, the first 01:00');
    assert.equal(isAmbiguousWallClock(at('2023-11-05T05:59:00Z'), 'America/New_York'), true, '01:59 EDT');
    assert.equal(isAmbiguousWallClock(at('2023-11-05T06:00:00Z'), 'America/New_York'), true, '01:00 EST, the second 01:00');
    assert.equal(isAmbiguousWallClock(at('2023-11-05T06:59:00Z'), 'America/New_York'), true, '01:59 EST');
    assert.equal(isAmbiguousWallClock(at('2023-11-05T07:00:00Z'), 'America/New_York'), false, '02:00 EST happens once');
    // Spring forward skips an hour: nothing repeats.
    assert.equal(isAmbiguousWallClock(at('2023-03-12T07:30:00Z'), 'America/New_York'), false);
    assert.equal(isAmbiguousWallClock(at('2023-11-05T06:30:00Z'), 'Asia/Seoul'), false, 'Seoul keeps no daylight saving time');
  });

  it('follows a change of 30 minutes (Lord Howe Island)', () => {
    // 2 April 2023: 02:00 at +11:00 (15:00 UTC) becomes 01:30 at +10:30.
    assert.equal(isAmbiguousWallClock(at('2023-04-01T14:20:00Z'), 'Australia/Lord_Howe'), false, '01:20 +11:00');
    assert.equal(isAmbiguousWallClock(at('2023-04-01T14:40:00Z'), 'Australia/Lord_Howe'), true, '01:40 +11:00');
    assert.equal(isAmbiguousWallClock(at('2023-04-01T15:10:00Z'), 'Australia/Lord_Howe'), true, '01:40 +10:30');
    assert.equal(isAmbiguousWallClock(at('2023-04-01T15:30:00Z'), 'Australia/Lord_Howe'), false, '02:00 +10:30');
  });
});
