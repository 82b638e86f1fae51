import { DateTime } from 'luxon';
import type { SessionFact } from '../agenda/agenda.service';
import type { MeetingFact, PartyFact, RequestFact, RoundFact } from '../consultations/consultation-facts.service';
import { Language } from '../users/language';
import { NotificationKind } from './notification.enums';

/** Who reads the message, in which language, and in which zone their times are shown. */
export interface Reader {
  name: string;
  language: Language;
  timeZone: string;
}

/** A party with the name a message calls them by. */
export interface NamedParty extends PartyFact {
  name: string;
}

export type NamedMeeting = Omit<MeetingFact, 'host' | 'guest'> & { host: NamedParty; guest: NamedParty };
export type NamedRequest = Omit<RequestFact, 'host' | 'guest'> & { host: NamedParty; guest: NamedParty };

/** Puts names on a meeting's or request's parties (from the users module); an unknown person is left unnamed. */
export function withNames<T extends { host: PartyFact; guest: PartyFact }>(fact: T, names: Map<string, string>): Omit<T, 'host' | 'guest'> & { host: NamedParty; guest: NamedParty } {
  return { ...fact, host: { ...fact.host, name: names.get(fact.host.userId) ?? '' }, guest: { ...fact.guest, name: names.get(fact.guest.userId) ?? '' } };
}

/** What a message is about, as it stands at send time. */
export type MessageSubject =
  | { type: 'meeting'; meeting: NamedMeeting; readerUserId: string; otherTimeZone: string }
  | { type: 'request'; request: NamedRequest; readerUserId: string }
  | { type: 'session'; session: SessionFact }
  | { type: 'round'; round: RoundFact }
  | { type: 'digest'; date: string; meetings: NamedMeeting[]; sessions: SessionFact[]; readerUserId: string };

export interface ComposedMessage {
  subject: string;
  text: string;
  html: string;
}

/** The payload written with the row (times of a reschedule, a reason). */
export interface MessagePayload {
  previousStartsAt?: string;
  previousEndsAt?: string;
  reason?: string;
}

/** An instant as a reader reads it: "Fri 28 Apr 2023, 09:00 (America/New_York)" or "2023년 4월 28일 (금) 09:00 (America/New_York)". */
export function formatInstant(instant: Date, zone: string, language: Language): string {
  const local = DateTime.fromJSDate(instant, { zone }).setLocale(language);
  const text = language === Language.Korean ? local.toFormat('yyyy년 M월 d일 (ccc) HH:mm') : local.toFormat('ccc d LLL yyyy, HH:mm');
  return `${text} (${zone})`;
}

/** Short labels for the in-app list, which shows rows without reading their subjects again. */
const TITLES: Record<NotificationKind, Record<Language, string>> = {
  [NotificationKind.MeetingReminder]: { en: 'Meeting reminder', ko: '미팅 알림' },
  [NotificationKind.SessionReminder]: { en: 'Session reminder', ko: '세션 알림' },
  [NotificationKind.RequestReceived]: { en: 'Meeting request received', ko: '미팅 요청 도착' },
  [NotificationKind.RequestAccepted]: { en: 'Meeting request accepted', ko: '미팅 요청 수락됨' },
  [NotificationKind.RequestDeclined]: { en: 'Meeting request declined', ko: '미팅 요청 거절됨' },
  [NotificationKind.RequestExpired]: { en: 'Meeting request expired', ko: '미팅 요청 만료' },
  [NotificationKind.MeetingConfirmed]: { en: 'Meeting confirmed', ko: '미팅 확정' },
  [NotificationKind.MeetingRescheduled]: { en: 'Meeting rescheduled', ko: '미팅 일정 변경' },
  [NotificationKind.MeetingCancelled]: { en: 'Meeting cancelled', ko: '미팅 취소' },
  [NotificationKind.BookingWindowOpening]: { en: 'Booking opens soon', ko: '예약 곧 시작' },
  [NotificationKind.BookingWindowClosing]: { en: 'Booking closes soon', ko: '예약 곧 마감' },
  [NotificationKind.OutcomePrompt]: { en: 'How did the meeting go?', ko: '미팅 결과를 기록해 주세요' },
  [NotificationKind.DailyDigest]: { en: 'Your agenda today', ko: '오늘의 일정' },
};

export function notificationTitle(kind: NotificationKind, language: Language): string {
  return TITLES[kind][language];
}

function partyName(party: NamedParty): string {
  return party.organizationName && !party.name.includes(party.organizationName) ? `${party.name} (${party.organizationName})` : party.name;
}

function sessionTitle(session: SessionFact, language: Language): string {
  return (language === Language.Korean ? (session.titleKo ?? session.titleEn) : (session.titleEn ?? session.titleKo)) ?? '';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Lines to a message: the first is the greeting, blank lines separate paragraphs. */
function toMessage(subject: string, lines: string[]): ComposedMessage {
  const text = `${lines.join('\n')}\n`;
  const html = `<!doctype html><html><body>${lines
    .map((line) => (line === '' ? '<br>' : `<p>${escapeHtml(line)}</p>`))
    .join('')}</body></html>`;
  return { subject, text, html };
}

interface Words {
  hello: (name: string) => string;
  yourTime: string;
  theirTime: (name: string) => string;
  with: string;
  where: string;
  online: string;
  event: string;
  reason: string;
  expiredBooking: string;
  was: string;
  now: string;
  footer: string;
}

const WORDS: Record<Language, Words> = {
  en: {
    hello: (name) => `Hello ${name},`,
    yourTime: 'Your time',
    theirTime: (name) => `${name}'s time`,
    with: 'With',
    where: 'Where',
    online: 'Online',
    event: 'Event',
    reason: 'Reason',
    expiredBooking: 'Booking for this round closed before the booking was confirmed, so it has expired.',
    was: 'Was',
    now: 'Now',
    footer: 'Matchday. You can mute kinds of notification in your notification settings.',
  },
  ko: {
    hello: (name) => `${name}님, 안녕하세요.`,
    yourTime: '내 시간',
    theirTime: (name) => `${name}님의 시간`,
    with: '상대',
    where: '장소',
    online: '온라인',
    event: '행사',
    reason: '사유',
    expiredBooking: '예약 마감 전까지 확정되지 않아 예약 요청이 만료되었습니다.',
    was: '변경 전',
    now: '변경 후',
    footer: 'Matchday. 알림 설정에서 알림 종류별로 끌 수 있습니다.',
  },
};

/** Subject lines of meeting messages, by kind. */
const MEETING_SUBJECTS: Partial<Record<NotificationKind, Record<Language, (other: string, when: string) => string>>> = {
  [NotificationKind.MeetingReminder]: { en: (other, when) => `Reminder: meeting with ${other}, ${when}`, ko: (other, when) => `[알림] ${other}님과의 미팅, ${when}` },
  [NotificationKind.MeetingConfirmed]: { en: (other, when) => `Confirmed: meeting with ${other}, ${when}`, ko: (other, when) => `[확정] ${other}님과의 미팅, ${when}` },
  [NotificationKind.MeetingRescheduled]: { en: (other, when) => `Rescheduled: meeting with ${other}, now ${when}`, ko: (other, when) => `[일정 변경] ${other}님과의 미팅, ${when}(으)로 변경` },
  [NotificationKind.MeetingCancelled]: { en: (other, when) => `Cancelled: meeting with ${other}, ${when}`, ko: (other, when) => `[취소] ${other}님과의 미팅, ${when}` },
  [NotificationKind.RequestReceived]: { en: (other, when) => `${other} asks to meet you, ${when}`, ko: (other, when) => `${other}님의 미팅 요청, ${when}` },
  [NotificationKind.RequestExpired]: { en: (other, when) => `Expired: booking with ${other}, ${when}`, ko: (other, when) => `[만료] ${other}님과의 미팅 요청, ${when}` },
  [NotificationKind.OutcomePrompt]: { en: (other) => `How did your meeting with ${other} go?`, ko: (other) => `${other}님과의 미팅 결과를 기록해 주세요` },
};

function meetingMessage(kind: NotificationKind, reader: Reader, subject: Extract<MessageSubject, { type: 'meeting' }>, payload: MessagePayload): ComposedMessage {
  const { meeting } = subject;
  const words = WORDS[reader.language];
  const other = meeting.host.userId === subject.readerUserId ? meeting.guest : meeting.host;
  const yours = formatInstant(meeting.startsAt, reader.timeZone, reader.language);
  const lines = [words.hello(reader.name), '', notificationTitle(kind, reader.language)];
  if (kind === NotificationKind.RequestExpired) lines.push(words.expiredBooking);
  lines.push(`${words.event}: ${meeting.eventName} — ${meeting.roundName}`);
  lines.push(`${words.with}: ${partyName(other)}`);
  lines.push(`${words.yourTime}: ${yours} – ${DateTime.fromJSDate(meeting.endsAt, { zone: reader.timeZone }).toFormat('HH:mm')}`);
  if (subject.otherTimeZone !== reader.timeZone) {
    lines.push(`${words.theirTime(other.name)}: ${formatInstant(meeting.startsAt, subject.otherTimeZone, reader.language)}`);
  }
  if (kind === NotificationKind.MeetingRescheduled && payload.previousStartsAt) {
    lines.push(`${words.was}: ${formatInstant(new Date(payload.previousStartsAt), reader.timeZone, reader.language)}`);
    lines.push(`${words.now}: ${yours}`);
  }
  if (meeting.locationName) lines.push(`${words.where}: ${meeting.locationName}`);
  else if (meeting.videoLink) lines.push(`${words.where}: ${words.online} ${meeting.videoLink}`);
  if (payload.reason) lines.push(`${words.reason}: ${payload.reason}`);
  lines.push('', words.footer);
  const subjectLine = MEETING_SUBJECTS[kind]?.[reader.language](other.name, yours) ?? notificationTitle(kind, reader.language);
  return toMessage(subjectLine, lines);
}

function requestMessage(kind: NotificationKind, reader: Reader, subject: Extract<MessageSubject, { type: 'request' }>, payload: MessagePayload): ComposedMessage {
  const { request } = subject;
  const words = WORDS[reader.language];
  const other = request.host.userId === subject.readerUserId ? request.guest : request.host;
  const title = notificationTitle(kind, reader.language);
  const lines = [words.hello(reader.name), '', `${title}: ${partyName(other)}`, `${words.event}: ${request.eventName} — ${request.roundName}`];
  if (request.message && kind === NotificationKind.RequestReceived) lines.push(`“${request.message}”`);
  if (payload.reason) lines.push(`${words.reason}: ${payload.reason}`);
  lines.push('', words.footer);
  return toMessage(`${title}: ${other.name}`, lines);
}

function sessionMessage(reader: Reader, session: SessionFact): ComposedMessage {
  const words = WORDS[reader.language];
  const title = sessionTitle(session, reader.language);
  const when = formatInstant(session.startsAt, reader.timeZone, reader.language);
  const room = reader.language === Language.Korean ? (session.roomNameKo ?? session.roomNameEn) : (session.roomNameEn ?? session.roomNameKo);
  const lines = [words.hello(reader.name), '', `${notificationTitle(NotificationKind.SessionReminder, reader.language)}: ${title}`, `${words.event}: ${session.eventName}`, `${words.yourTime}: ${when}`];
  if (session.eventTimeZone !== reader.timeZone) lines.push(`${words.event} (${session.eventTimeZone}): ${formatInstant(session.startsAt, session.eventTimeZone, reader.language)}`);
  if (room) lines.push(`${words.where}: ${room}`);
  lines.push('', words.footer);
  return toMessage(`${notificationTitle(NotificationKind.SessionReminder, reader.language)}: ${title}, ${when}`, lines);
}

function roundMessage(kind: NotificationKind, reader: Reader, round: RoundFact): ComposedMessage {
  const words = WORDS[reader.language];
  const opening = kind === NotificationKind.BookingWindowOpening;
  const at = opening ? round.bookingOpensAt : round.bookingClosesAt;
  const when = formatInstant(at, reader.timeZone, reader.language);
  const sentence =
    reader.language === Language.Korean
      ? `${round.name} 예약이 ${when}에 ${opening ? '시작됩니다' : '마감됩니다'}.`
      : `Booking for ${round.name} ${opening ? 'opens' : 'closes'} ${when}.`;
  const lines = [words.hello(reader.name), '', sentence, `${words.event}: ${round.eventName}`];
  if (round.timeZone !== reader.timeZone) lines.push(`${round.name} (${round.timeZone}): ${formatInstant(at, round.timeZone, reader.language)}`);
  lines.push('', words.footer);
  return toMessage(`${notificationTitle(kind, reader.language)}: ${round.name}`, lines);
}

function digestMessage(reader: Reader, subject: Extract<MessageSubject, { type: 'digest' }>): ComposedMessage {
  const words = WORDS[reader.language];
  const items = [
    ...subject.meetings.map((meeting) => {
      const other = meeting.host.userId === subject.readerUserId ? meeting.guest : meeting.host;
      const place = meeting.locationName ?? (meeting.videoLink ? words.online : '');
      return { at: meeting.startsAt, line: `${words.with} ${partyName(other)} — ${meeting.eventName}${place ? `, ${place}` : ''}` };
    }),
    ...subject.sessions.map((session) => ({ at: session.startsAt, line: `${sessionTitle(session, reader.language)} — ${session.eventName}` })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const lines = [words.hello(reader.name), '', `${notificationTitle(NotificationKind.DailyDigest, reader.language)} (${subject.date}, ${reader.timeZone})`];
  for (const item of items) lines.push(`${DateTime.fromJSDate(item.at, { zone: reader.timeZone }).toFormat('HH:mm')}  ${item.line}`);
  lines.push('', words.footer);
  return toMessage(`${notificationTitle(NotificationKind.DailyDigest, reader.language)}: ${subject.date}`, lines);
}

/** The email of a notification, in the reader's language, with times in the reader's zone (and the other party's). */
export function composeMessage(kind: NotificationKind, reader: Reader, subject: MessageSubject, payload: MessagePayload): ComposedMessage {
  switch (subject.type) {
    case 'meeting':
      return meetingMessage(kind, reader, subject, payload);
    case 'request':
      return requestMessage(kind, reader, subject, payload);
    case 'session':
      return sessionMessage(reader, subject.session);
    case 'round':
      return roundMessage(kind, reader, subject.round);
    case 'digest':
      return digestMessage(reader, subject);
  }
}
