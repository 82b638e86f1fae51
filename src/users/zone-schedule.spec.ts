import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rangeInstants, ZoneSchedule } from './zone-schedule';

const at = (iso: string): Date => new Date(iso);

describe('ZoneSchedule', () => {
  // A Seoul founder in Boston for the consultation day: Seoul until 26 April, Boston 27 to 29 April.
  const founder = new ZoneSchedule('Asia/Seoul', [
    { timeZone: 'America/New_York', startsOn: '2023-04-27', endsOn: '2023-04-29' },
    { timeZone: 'Asia/Seoul', startsOn: null, endsOn: '2023-04-26' },
  ]);

  it('gives the travel zone inside a range and the profile zone outside every range', () => {
    assert.equal(founder.zoneAt(at('2023-04-20T11:00:00Z')), 'Asia/Seoul');
    assert.equal(founder.zoneAt(at('2023-04-28T13:00:00Z')), 'America/New_York');
    // Midnight after 29 April in Boston is 04:00 UTC on the 30th.
    assert.equal(founder.zoneAt(at('2023-04-30T03:59:00Z')), 'America/New_York');
    assert.equal(founder.zoneAt(at('2023-04-30T04:00:00Z')), 'Asia/Seoul');
  });

  it('gives the zone in force on a calendar date, by the days each range names', () => {
    assert.equal(founder.zoneOn('2023-04-19'), 'Asia/Seoul');
    assert.equal(founder.zoneOn('2023-04-26'), 'Asia/Seoul');
    assert.equal(founder.zoneOn('2023-04-27'), 'America/New_York');
    assert.equal(founder.zoneOn('2023-04-29'), 'America/New_York');
    assert.equal(founder.zoneOn('2023-04-30'), 'Asia/Seoul', 'after the last range: the profile zone');
    const openEnded = new ZoneSchedule('America/New_York', [{ timeZone: 'Europe/Paris', startsOn: '2023-05-01', endsOn: null }]);
    assert.equal(openEnded.zoneOn('2023-04-30'), 'America/New_York');
    assert.equal(openEnded.zoneOn('2030-01-01'), 'Europe/Paris');
  });

  it('reads each range in its own zone: the Boston days start at Boston midnight', () => {
    assert.deepEqual(rangeInstants({ timeZone: 'America/New_York', startsOn: '2023-04-27', endsOn: '2023-04-29' }), {
      startsAt: at('2023-04-27T04:00:00Z'),
      endsAt: at('2023-04-30T04:00:00Z'),
    });
    assert.deepEqual(rangeInstants({ timeZone: 'Asia/Seoul', startsOn: null, endsOn: '2023-04-26' }), { startsAt: null, endsAt: at('2023-04-26T15:00:00Z') });
  });

  it('lets the range that began later win where a westward and an eastward day overlap', () => {
    // Boston until 26 April (ends 27 April 04:00 UTC), Seoul from 27 April (starts 26 April 15:00 UTC).
    const investor = new ZoneSchedule('America/New_York', [
      { timeZone: 'America/New_York', startsOn: '2023-04-20', endsOn: '2023-04-26' },
      { timeZone: 'Asia/Seoul', startsOn: '2023-04-27', endsOn: '2023-05-03' },
    ]);
    assert.equal(investor.zoneAt(at('2023-04-26T14:59:00Z')), 'America/New_York');
    assert.equal(investor.zoneAt(at('2023-04-26T20:00:00Z')), 'Asia/Seoul');
  });

  it('counts a range across a DST change by the calendar, not by 24-hour days', () => {
    const spring = rangeInstants({ timeZone: 'America/New_York', startsOn: '2023-03-12', endsOn: '2023-03-12' });
    assert.equal((spring.endsAt!.getTime() - spring.startsAt!.getTime()) / 3_600_000, 23);
  });
});
