import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { offsetChanges, vtimezone } from './vtimezone';

describe('offsetChanges', () => {
  it('finds both US changes of 2023 to the minute', () => {
    const changes = offsetChanges('America/New_York', new Date('2023-01-01T00:00:00Z'), new Date('2024-01-01T00:00:00Z'));
    assert.deepEqual(
      changes.map((change) => [change.at.toISOString(), change.offsetFrom, change.offsetTo, change.daylight]),
      [
        ['2023-03-12T07:00:00.000Z', -300, -240, true],
        ['2023-11-05T06:00:00.000Z', -240, -300, false],
      ],
    );
  });

  it('finds none for Seoul, which has kept UTC+9 since 1988', () => {
    assert.deepEqual(offsetChanges('Asia/Seoul', new Date('2020-01-01T00:00:00Z'), new Date('2024-01-01T00:00:00Z')), []);
  });
});

describe('vtimezone', () => {
  it('writes each change as an observance starting at the local time before it', () => {
    const text = vtimezone('America/New_York', 2023, 2023);
    assert.match(text, /^BEGIN:VTIMEZONE\r\nTZID:America\/New_York\r\n/);
    assert.match(text, /BEGIN:DAYLIGHT\r\nDTSTART:20230312T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT/);
    assert.match(text, /BEGIN:STANDARD\r\nDTSTART:20231105T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nEND:STANDARD/);
  });

  it('gives a zone without changes one observance at its fixed offset, and half-hour offsets their minutes', () => {
    const seoul = vtimezone('Asia/Seoul', 2023, 2023);
    assert.equal((seoul.match(/BEGIN:STANDARD/g) ?? []).length, 1);
    assert.match(seoul, /TZOFFSETFROM:\+0900\r\nTZOFFSETTO:\+0900/);
    assert.doesNotMatch(seoul, /TZNAME:GMT/);
    assert.match(vtimezone('Asia/Kolkata', 2023, 2023), /TZOFFSETTO:\+0530/);
  });
});
