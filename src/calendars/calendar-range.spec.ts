import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../common/errors/domain-error';
import { parseCalendarRange } from './calendar-range';

function refusal(from: string, to: string, zone = 'Asia/Seoul'): { code: string; field: string } {
  try {
    parseCalendarRange(from, to, zone);
  } catch (error) {
    assert.ok(error instanceof DomainError);
    return { code: error.code, field: error.fields[0]?.field };
  }
  assert.fail('the range was accepted');
}

/** A founder's days: Seoul until 26 April, Boston from 27 April. */
function zoneOn(date: string): string {
  return date >= '2023-04-27' ? 'America/New_York' : 'Asia/Seoul';
}

describe('parseCalendarRange', () => {
  it('reads dates as whole days in the zone, the last one included', () => {
    const range = parseCalendarRange('2023-04-19', '2023-04-21', 'Asia/Seoul');
    assert.equal(range.from.toISOString(), '2023-04-18T15:00:00.000Z');
    assert.equal(range.to.toISOString(), '2023-04-21T15:00:00.000Z');
  });

  it('takes instants with offsets as they are, and wall-clock times in the zone', () => {
    const range = parseCalendarRange('2023-04-28T09:00:00-04:00', '2023-04-28T17:00', 'America/New_York');
    assert.equal(range.from.toISOString(), '2023-04-28T13:00:00.000Z');
    assert.equal(range.to.toISOString(), '2023-04-28T21:00:00.000Z');
  });

  it('reads each date in the zone given for it, and says which zone each end was read in', () => {
    const travelDay = parseCalendarRange('2023-04-28', '2023-04-28', zoneOn);
    assert.deepEqual(travelDay, {
      from: new Date('2023-04-28T04:00:00.000Z'),
      to: new Date('2023-04-29T04:00:00.000Z'),
      fromZone: 'America/New_York',
      toZone: 'America/New_York',
    });
    const across = parseCalendarRange('2023-04-20', '2023-04-28T17:00', zoneOn);
    assert.deepEqual(across, { from: new Date('2023-04-19T15:00:00.000Z'), to: new Date('2023-04-28T21:00:00.000Z'), fromZone: 'Asia/Seoul', toZone: 'America/New_York' });
    const instants = parseCalendarRange('2023-04-28T09:00:00-04:00', '2023-04-28T14:00:00Z', zoneOn);
    assert.deepEqual([instants.fromZone, instants.toZone], [null, null]);
  });

  it('gives the Boston day of the spring-forward change its 23 hours', () => {
    const range = parseCalendarRange('2023-03-12', '2023-03-12', 'America/New_York');
    assert.equal((range.to.getTime() - range.from.getTime()) / 3_600_000, 23);
  });

  it('refuses an end before the start, more than a year, and what is not a time, naming the field', () => {
    assert.deepEqual(refusal('2023-04-21', '2023-04-19'), { code: 'invalid_date_range', field: 'to' });
    assert.deepEqual(refusal('2023-04-21T10:00:00Z', '2023-04-21T10:00:00Z'), { code: 'invalid_date_range', field: 'to' });
    assert.deepEqual(refusal('2023-01-01', '2024-01-02'), { code: 'range_too_long', field: 'to' });
    assert.deepEqual(refusal('next week', '2023-04-19'), { code: 'validation_failed', field: 'from' });
    assert.deepEqual(refusal('2023-04-19', '2023-02-30'), { code: 'validation_failed', field: 'to' });
  });

  it('allows a leap year of 366 days', () => {
    const range = parseCalendarRange('2024-01-01', '2024-12-31', 'UTC');
    assert.equal((range.to.getTime() - range.from.getTime()) / 86_400_000, 366);
  });
});
