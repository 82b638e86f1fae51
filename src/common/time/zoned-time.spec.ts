import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseZonedTime, toZonedIso } from './zoned-time';

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

  it('refuses what is not a time', () => {
    assert.equal(parseZonedTime('tomorrow at ten', 'Asia/Seoul').ok, false);
    assert.equal(parseZonedTime('2023-02-30T10:00', 'Asia/Seoul').ok, false);
  });
});

describe('toZonedIso', () => {
  it('shows an instant on the wall clock of the zone, with its offset', () => {
    const instant = new Date('2023-04-28T13:00:00Z');
    assert.equal(toZonedIso(instant, 'America/New_York'), '2023-04-28T09:00:00-04:00');
    assert.equal(toZonedIso(instant, 'Asia/Seoul'), '2023-04-28T22:00:00+09:00');
  });
});
