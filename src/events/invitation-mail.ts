import { OutgoingMail } from '../notifications/mail.service';
import { Language } from '../users/language';
import { EventRole } from './event.enums';
import { Event } from './event.entity';

const ROLE_NAMES: Record<Language, Record<EventRole, string>> = {
  [Language.English]: {
    [EventRole.Organizer]: 'an organizer',
    [EventRole.Startup]: 'a startup',
    [EventRole.Investor]: 'an investor',
    [EventRole.Expert]: 'an expert',
    [EventRole.Exhibitor]: 'an exhibitor',
    [EventRole.Staff]: 'staff',
  },
  [Language.Korean]: {
    [EventRole.Organizer]: '주최자',
    [EventRole.Startup]: '창업기업',
    [EventRole.Investor]: '투자자',
    [EventRole.Expert]: '전문가',
    [EventRole.Exhibitor]: '참가기업',
    [EventRole.Staff]: '운영 스태프',
  },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The invitation email in the invitee's language. */
export function invitationMail(input: {
  to: string;
  language: Language;
  event: Event;
  role: EventRole;
  inviterName: string;
  acceptUrl: string;
  expiresAt: Date;
}): OutgoingMail {
  const { event, language } = input;
  const role = ROLE_NAMES[language][input.role];
  const dates = `${event.startsOn} – ${event.endsOn} (${event.timeZone})`;
  const expires = input.expiresAt.toLocaleString(language === Language.Korean ? 'ko-KR' : 'en-US', {
    timeZone: event.timeZone,
    dateStyle: 'long',
    timeStyle: 'short',
  });
  const lines =
    language === Language.Korean
      ? {
          subject: `[Matchday] ${event.name} ${role}(으)로 초대되었습니다`,
          body: [
            `${input.inviterName}님이 ${event.name}에 ${role}(으)로 초대했습니다.`,
            `일정: ${dates}`,
            `초대를 수락하려면 아래 링크를 여세요 (${expires}까지 유효, 1회용):`,
          ],
        }
      : {
          subject: `[Matchday] You are invited to ${event.name} as ${role}`,
          body: [
            `${input.inviterName} invited you to ${event.name} as ${role}.`,
            `Dates: ${dates}`,
            `Open this link to accept (valid until ${expires}, single use):`,
          ],
        };
  return {
    to: input.to,
    subject: lines.subject,
    text: [...lines.body, input.acceptUrl].join('\n\n'),
    html: [...lines.body.map((line) => `<p>${escapeHtml(line)}</p>`), `<p><a href="${escapeHtml(input.acceptUrl)}">${escapeHtml(input.acceptUrl)}</a></p>`].join('\n'),
  };
}
