import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendarDatesToInstants, todayIn } from './calendar-dates';

describe('calendarDatesToInstants', () => {
  it('covers three Seoul days from midnight KST (UTC+9)', () => {
    const { startsAt, endsAt } = calendarDatesToInstants('2023-11-08', '2023-11-10', 'Asia/Seoul');
    assert.equal(startsAt.toISOString(), '2023-11-07T15:00:00.000Z');
    assert.equal(endsAt.toISOString(), '2023-11-10T15:00:00.000Z');
  });

  it('gives the Boston day of the spring-forward change 23 hours', () => {
    const { startsAt, endsAt } = calendarDatesToInstants('2023-03-12', '2023-03-12', 'America/New_York');
    assert.equal(startsAt.toISOString(), '2023-03-12T05:00:00.000Z');
    assert.equal(endsAt.toISOString(), '2023-03-13T04:00:00.000Z');
    assert.equal((endsAt.getTime() - startsAt.getTime()) / 3_600_000, 23);
  });

  it('gives the Boston day of the fall-back change 25 hours', () => {
    const { startsAt, endsAt } = calendarDatesToInstants('2023-11-05', '2023-11-05', 'America/New_York');
    assert.equal((endsAt.getTime() - startsAt.getTime()) / 3_600_000, 25);
  });
});

describe('todayIn', () => {
  it('is already the next day in Seoul while still the evening before in Boston', () => {
    const instant = new Date('2023-04-27T20:00:00Z');
    assert.equal(todayIn('Asia/Seoul', instant), '2023-04-28');
    assert.equal(todayIn('America/New_York', instant), '2023-04-27');
  });
});
