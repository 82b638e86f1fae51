import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../common/errors/domain-error';
import { resolveSessionTimes } from './session-times';

const seoul = { timeZone: 'Asia/Seoul', startsOn: '2023-11-08', endsOn: '2023-11-10' };
const boston = { timeZone: 'America/New_York', startsOn: '2023-03-10', endsOn: '2023-03-14' };

function refusal(run: () => unknown): { code: string; fields: string[] } {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DomainError, String(error));
    return { code: error.code, fields: error.fields.map((field) => field.field) };
  }
  assert.fail('expected a refusal');
}

describe('resolveSessionTimes', () => {
  it('reads wall-clock times in the event zone and explicit offsets as given', () => {
    const times = resolveSessionTimes({ startsAt: '2023-11-08T10:00', endsAt: '2023-11-08T11:00:00+09:00' }, null, seoul);
    assert.equal(times.startsAt.toISOString(), '2023-11-08T01:00:00.000Z');
    assert.equal(times.endsAt.toISOString(), '2023-11-08T02:00:00.000Z');
  });

  it('keeps the wall clock across the DST change (09:00 is 14:00Z before, 13:00Z after)', () => {
    const before = resolveSessionTimes({ startsAt: '2023-03-10T09:00', endsAt: '2023-03-10T10:00' }, null, boston);
    const after = resolveSessionTimes({ startsAt: '2023-03-13T09:00', endsAt: '2023-03-13T10:00' }, null, boston);
    assert.equal(before.startsAt.toISOString(), '2023-03-10T14:00:00.000Z');
    assert.equal(after.startsAt.toISOString(), '2023-03-13T13:00:00.000Z');
  });

  it('refuses a time the clocks skip, naming the field', () => {
    assert.deepEqual(refusal(() => resolveSessionTimes({ startsAt: '2023-03-12T02:30', endsAt: '2023-03-12T04:00' }, null, boston)), {
      code: 'validation_failed',
      fields: ['startsAt'],
    });
  });

  it('requires both times on create, and keeps the current one on update', () => {
    assert.deepEqual(refusal(() => resolveSessionTimes({ startsAt: '2023-11-08T10:00' }, null, seoul)).fields, ['endsAt']);
    const current = { startsAt: new Date('2023-11-08T01:00:00Z'), endsAt: new Date('2023-11-08T02:00:00Z') };
    const moved = resolveSessionTimes({ endsAt: '2023-11-08T12:30' }, current, seoul);
    assert.equal(moved.startsAt, current.startsAt);
    assert.equal(moved.endsAt.toISOString(), '2023-11-08T03:30:00.000Z');
  });

  it('refuses an end at or before the start', () => {
    assert.deepEqual(refusal(() => resolveSessionTimes({ startsAt: '2023-11-08T10:00', endsAt: '2023-11-08T10:00' }, null, seoul)), {
      code: 'invalid_date_range',
      fields: ['endsAt'],
    });
  });

  it('accepts the first minute of the first day and midnight after the last, refuses anything outside', () => {
    const edges = resolveSessionTimes({ startsAt: '2023-11-08T00:00', endsAt: '2023-11-11T00:00' }, null, seoul);
    assert.equal(edges.startsAt.toISOString(), '2023-11-07T15:00:00.000Z');
    assert.deepEqual(refusal(() => resolveSessionTimes({ startsAt: '2023-11-07T23:00', endsAt: '2023-11-08T01:00' }, null, seoul)), {
      code: 'session_outside_event',
      fields: ['startsAt'],
    });
    assert.deepEqual(refusal(() => resolveSessionTimes({ startsAt: '2023-11-10T23:00', endsAt: '2023-11-11T00:30' }, null, seoul)), {
      code: 'session_outside_event',
      fields: ['endsAt'],
    });
    // 10:00 UTC on the 7th is 19:00 in Seoul, the evening before the event.
    assert.equal(refusal(() => resolveSessionTimes({ startsAt: '2023-11-07T10:00:00Z', endsAt: '2023-11-07T11:00:00Z' }, null, seoul)).code, 'session_outside_event');
  });
});
