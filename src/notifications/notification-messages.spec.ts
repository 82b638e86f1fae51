import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MeetingStatus, RoundMode } from '../consultations/consultation.enums';
import { Language } from '../users/language';
import { NotificationKind } from './notification.enums';
import { composeMessage, formatInstant, NamedMeeting } from './notification-messages';

const meeting: NamedMeeting = {
  id: 'meeting',
  eventId: 'event',
  eventName: 'Korea-US investment day',
  roundId: 'round',
  roundName: 'Round 1: video consultation',
  roundMode: RoundMode.Online,
  roundTimeZone: 'Asia/Seoul',
  status: MeetingStatus.Confirmed,
  // 09:00 in Seoul is 20:00 the day before in Boston (EDT, 13 hours behind).
  startsAt: new Date('2023-04-20T00:00:00Z'),
  endsAt: new Date('2023-04-20T00:30:00Z'),
  version: 2,
  locationName: null,
  videoLink: 'https://meet.example.com/matchday-1',
  hasOutcome: false,
  host: { userId: 'vc', name: 'Ellen Park', organizationName: 'Harbor Ventures' },
  guest: { userId: 'founder', name: '김민지', organizationName: '바이오랩' },
};

describe('notification messages', () => {
  it('writes instants in the reader’s zone and language, across the Seoul–Boston gap', () => {
    assert.equal(formatInstant(meeting.startsAt, 'Asia/Seoul', Language.Korean), '2023년 4월 20일 (목) 09:00 (Asia/Seoul)');
    assert.equal(formatInstant(meeting.startsAt, 'America/New_York', Language.English), 'Wed 19 Apr 2023, 20:00 (America/New_York)');
  });

  it('follows daylight saving time: the same Seoul hour is 20:00 in Boston in April and 19:00 in December', () => {
    assert.match(formatInstant(new Date('2023-12-07T00:00:00Z'), 'America/New_York', Language.English), /Wed 6 Dec 2023, 19:00/);
  });

  it('tells that a booking expired waiting for the other side, without a bare reason code', () => {
    const english = composeMessage(
      NotificationKind.RequestExpired,
      { name: 'Ellen Park', language: Language.English, timeZone: 'America/New_York' },
      { type: 'meeting', meeting: { ...meeting, status: MeetingStatus.Cancelled }, readerUserId: 'vc', otherTimeZone: 'Asia/Seoul' },
      {},
    );
    assert.match(english.subject, /^Expired: booking with 김민지, Wed 19 Apr 2023, 20:00/);
    assert.match(english.text, /Meeting request expired\nBooking for this round closed before the booking was confirmed, so it has expired\./);
    assert.doesNotMatch(english.text, /Reason:/);
  });

  it('shows a reschedule with the old and the new time, each side in its own zone and the other’s', () => {
    const english = composeMessage(
      NotificationKind.MeetingRescheduled,
      { name: 'Ellen Park', language: Language.English, timeZone: 'America/New_York' },
      { type: 'meeting', meeting, readerUserId: 'vc', otherTimeZone: 'Asia/Seoul' },
      { previousStartsAt: '2023-04-19T23:30:00Z' },
    );
    assert.match(english.subject, /^Rescheduled: meeting with 김민지, now Wed 19 Apr 2023, 20:00/);
    assert.match(english.text, /Your time: Wed 19 Apr 2023, 20:00 \(America\/New_York\) – 20:30/);
    assert.match(english.text, /김민지's time: Thu 20 Apr 2023, 09:00 \(Asia\/Seoul\)/);
    assert.match(english.text, /Was: Wed 19 Apr 2023, 19:30/);
    const korean = composeMessage(
      NotificationKind.MeetingReminder,
      { name: '김민지', language: Language.Korean, timeZone: 'Asia/Seoul' },
      { type: 'meeting', meeting, readerUserId: 'founder', otherTimeZone: 'America/New_York' },
      {},
    );
    assert.match(korean.subject, /^\[알림\] Ellen Park님과의 미팅, 2023년 4월 20일 \(목\) 09:00/);
    assert.match(korean.text, /상대: Ellen Park \(Harbor Ventures\)/);
    assert.match(korean.text, /Ellen Park님의 시간: 2023년 4월 19일 \(수\) 20:00 \(America\/New_York\)/);
    assert.match(korean.html, /meet\.example\.com/);
  });

  it('escapes what people typed in the HTML part', () => {
    const message = composeMessage(
      NotificationKind.MeetingCancelled,
      { name: '<b>Ellen</b>', language: Language.English, timeZone: 'America/New_York' },
      { type: 'meeting', meeting, readerUserId: 'vc', otherTimeZone: 'Asia/Seoul' },
      { reason: '<script>alert(1)</script>' },
    );
    assert.ok(!message.html.includes('<script>'));
    assert.match(message.text, /Reason: <script>/);
  });

  it('lists a day’s meetings and sessions in time order in the digest', () => {
    const message = composeMessage(
      NotificationKind.DailyDigest,
      { name: '김민지', language: Language.Korean, timeZone: 'Asia/Seoul' },
      {
        type: 'digest',
        date: '2023-04-20',
        readerUserId: 'founder',
        meetings: [meeting],
        sessions: [
          {
            id: 's',
            eventId: 'event',
            eventName: 'Korea-US investment day',
            eventTimeZone: 'America/New_York',
            titleKo: '개막식',
            titleEn: 'Opening',
            startsAt: new Date('2023-04-19T23:00:00Z'),
            endsAt: new Date('2023-04-19T23:30:00Z'),
            roomNameKo: null,
            roomNameEn: null,
          },
        ],
      },
      {},
    );
    assert.equal(message.subject, '오늘의 일정: 2023-04-20');
    assert.match(message.text, /08:00 {2}개막식[\s\S]*09:00 {2}상대 Ellen Park/);
  });
});
