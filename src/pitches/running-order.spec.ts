import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pitchTimes, runningOrderFits } from './running-order';

describe('IR pitch running order', () => {
  const start = new Date('2023-04-28T21:30:00Z'); // 17:30 in Boston

  it('gives each pitch 7 minutes and 3 of questions, one after another', () => {
    assert.deepEqual(pitchTimes(start, 1, 7, 3), {
      startsAt: new Date('2023-04-28T21:30:00Z'),
      pitchEndsAt: new Date('2023-04-28T21:37:00Z'),
      endsAt: new Date('2023-04-28T21:40:00Z'),
    });
    assert.deepEqual(pitchTimes(start, 3, 7, 3).startsAt, new Date('2023-04-28T21:50:00Z'));
  });

  it('fits exactly as many pitches as the session has room for', () => {
    const end = new Date('2023-04-28T23:10:00Z'); // 100 minutes
    assert.equal(runningOrderFits(10, 7, 3, start, end), true);
    assert.equal(runningOrderFits(11, 7, 3, start, end), false);
    assert.equal(runningOrderFits(0, 7, 3, start, end), true);
  });
});
