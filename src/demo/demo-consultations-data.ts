import { CompanyStage } from '../organizations/organization.enums';
import { ConfirmationRule, Eligibility, InterestLevel, LocationKind, MeetingStatus, NextStep, RequestStatus, RoundMode, VideoLinkRule } from '../consultations/consultation.enums';
import { buildSlotGrid, Slot } from '../consultations/scheduling/slot-grid';

/**
 * The Boston investment consultation of seed 001 (Korea-US Investment Consultation Day, 28 April 2023): 15 Korean
 * startups, 38 VCs, 1:1 consultations in four rounds, and KRW 84.5 billion of investment under discussion as of 3 May.
 * Every company and person here is invented for the demo (the articles name none of them); everything is generated
 * deterministically, with fixed ids, so the seed writes the same rows every time.
 */
export const BOSTON_EVENT_SLUG = 'korea-us-investment-day-boston-2023';

/** The article's figure: 845억 원. */
export const BOSTON_KRW_UNDER_DISCUSSION = 84_500_000_000;

/** Fixed ids: one prefix per kind of row, the row's number in the last group. */
export function demoConsultationId(kind: number, index: number): string {
  return `b0570${kind.toString(16).padStart(3, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

const KIND = { startupOrganization: 1, vcOrganization: 2, programme: 3, round: 4, location: 5, meeting: 6, request: 7, window: 8 } as const;

export const BOSTON_PROGRAMME_ID = demoConsultationId(KIND.programme, 1);

export interface DemoAccount {
  email: string;
  name: string;
  language: 'ko' | 'en';
  timeZone: string;
  organizationId: string;
  organizationName: string;
}

export interface DemoStartup extends DemoAccount {
  sectors: string[];
  stage: CompanyStage;
}

export interface DemoVc extends DemoAccount {
  country: 'KR' | 'US';
  currency: 'KRW' | 'USD';
  ticketMin: number;
  ticketMax: number;
  focusSectors: string[];
}

const STARTUPS: Array<[string, string[], CompanyStage, string]> = [
  ['NeuroBridge Therapeutics', ['bio', 'neuroscience'], CompanyStage.SeriesA, 'Kim Seojun'],
  ['Hanbit Genomics', ['bio', 'genomics'], CompanyStage.Seed, 'Lee Jiwon'],
  ['CellPath AI', ['digital healthcare', 'AI'], CompanyStage.SeriesA, 'Park Minjae'],
  ['Sori Medical', ['medical devices'], CompanyStage.Seed, 'Jung Hayoon'],
  ['K-Photonics', ['semiconductors', 'photonics'], CompanyStage.SeriesB, 'Choi Dohyun'],
  ['BlueWave Battery', ['future energy', 'batteries'], CompanyStage.SeriesA, 'Kang Yerin'],
  ['Mobius Robotics', ['robotics', 'autonomous driving'], CompanyStage.Seed, 'Yoon Jihoon'],
  ['Dalbit Cosmetics Lab', ['cosmetics', 'bio materials'], CompanyStage.Seed, 'Lim Sua'],
  ['GreenCarbon Tech', ['climate tech'], CompanyStage.PreSeed, 'Han Eunwoo'],
  ['Pulse Diagnostics', ['bio', 'diagnostics'], CompanyStage.SeriesA, 'Oh Seoyeon'],
  ['Arirang Quantum', ['quantum computing'], CompanyStage.Seed, 'Shin Junho'],
  ['Nuri Foodtech', ['food tech'], CompanyStage.Seed, 'Seo Jimin'],
  ['HaeSol Space', ['space', 'satellites'], CompanyStage.SeriesA, 'Kwon Taeyang'],
  ['Maeum Mental Health', ['digital healthcare'], CompanyStage.PreSeed, 'Hwang Nayeon'],
  ['Vision Mobility', ['eco-friendly mobility'], CompanyStage.SeriesA, 'Song Hyunwoo'],
];

const KOREAN_VCS = [
  'Namsan Ventures', 'Hangang Capital', 'Bukhan Partners', 'Gyeongbok Investment', 'Seorae Venture Partners', 'Jeju Blue Capital',
  'Daedeok Tech Ventures', 'Pangyo Growth Partners', 'Incheon Harbor Capital', 'Busan Ocean Ventures', 'Mugunghwa Investment',
  'Hanok Partners', 'Seoul Bridge Capital', 'Saebyeok Ventures', 'Dasan Capital', 'Yeouido Growth Fund', 'Gangnam Seed Partners',
  'Sejong Innovation Capital', 'Hallasan Ventures', 'Taebaek Partners', 'Jirisan Capital', 'Geumgang Investment',
];
const US_VCS = [
  'Beacon Hill Ventures', 'Kendall Square Partners', 'Back Bay Capital', 'Longwood Bio Fund', 'Charles Harbor Ventures',
  'Fenway Growth Partners', 'Seaport Tech Capital', 'Commonwealth Seed', 'Minuteman Ventures', 'Cambridge Lab Partners',
  'Bunker Hill Capital', 'Atlantic Bridge Ventures', 'Emerald Necklace Fund', 'Harborview Partners', 'Quincy Market Ventures',
  'Pioneer Valley Capital',
];
const KOREAN_PARTNERS = ['Ahn', 'Bae', 'Cho', 'Do', 'Go', 'Ha', 'Jang', 'Jeon', 'Ko', 'Moon', 'Nam', 'No', 'Pyo', 'Ryu', 'Son', 'Um', 'Woo', 'Yang', 'Yeo', 'Baek', 'Cha', 'Gil'];
const GIVEN = ['Minseo', 'Jisoo', 'Hyejin', 'Sungmin', 'Yuna', 'Junseo', 'Dahye', 'Hojin', 'Soyeon', 'Taemin', 'Eunji'];
const US_PARTNERS = [
  'Olivia Bennett', 'Michael Chen', 'Sarah Goldberg', 'David Park', 'Emma Rodriguez', 'James O\'Connor', 'Priya Raman', 'Daniel Kim',
  'Rachel Stein', 'Andrew Walsh', 'Grace Liu', 'Thomas Murphy', 'Hannah Cohen', 'Kevin Nguyen', 'Laura Fitzgerald', 'Ryan Sullivan',
];

const number = (index: number): string => String(index + 1).padStart(2, '0');

export const DEMO_STARTUPS: DemoStartup[] = STARTUPS.map(([organizationName, sectors, stage, founder], index) => ({
  email: `demo-startup-${number(index)}@matchday.demo`,
  name: `${founder} (${organizationName})`,
  language: 'ko',
  timeZone: 'Asia/Seoul',
  organizationId: demoConsultationId(KIND.startupOrganization, index + 1),
  organizationName,
  sectors,
  stage,
}));

/** 22 Korean funds (KRW tickets) and 16 Boston-area funds (USD tickets): 38 VCs. */
export const DEMO_VCS: DemoVc[] = [
  ...KOREAN_VCS.map((organizationName, index): DemoVc => ({
    email: '',
    name: `${KOREAN_PARTNERS[index]} ${GIVEN[index % GIVEN.length]} (${organizationName})`,
    language: 'ko',
    timeZone: 'Asia/Seoul',
    organizationId: '',
    organizationName,
    country: 'KR',
    currency: 'KRW',
    ticketMin: 500_000_000,
    ticketMax: 10_000_000_000,
    focusSectors: index % 2 === 0 ? ['bio', 'digital healthcare'] : ['deep tech', 'mobility', 'energy'],
  })),
  ...US_VCS.map((organizationName, index): DemoVc => ({
    email: '',
    name: `${US_PARTNERS[index]} (${organizationName})`,
    language: 'en',
    timeZone: 'America/New_York',
    organizationId: '',
    organizationName,
    country: 'US',
    currency: 'USD',
    ticketMin: 250_000,
    ticketMax: 5_000_000,
    focusSectors: index % 2 === 0 ? ['life sciences', 'medtech'] : ['deep tech', 'climate'],
  })),
].map((vc, index) => ({ ...vc, email: `demo-vc-${number(index)}@matchday.demo`, organizationId: demoConsultationId(KIND.vcOrganization, index + 1) }));

export interface DemoRound {
  id: string;
  position: number;
  name: string;
  mode: RoundMode;
  timeZone: string;
  slotMinutes: number;
  gapMinutes: number;
  bookingOpensAt: string;
  bookingClosesAt: string;
  confirmation: ConfirmationRule;
  eligibility: Eligibility;
  eligibilitySourceRoundId: string | null;
  videoLinkRule: VideoLinkRule | null;
  videoLinkTemplate: string | null;
  maxMeetingsPerPair: number;
  windows: Array<{ id: string; date: string; startsAtTime: string; endsAtTime: string }>;
  locations: Array<{ id: string; name: string; kind: LocationKind }>;
}

const VIDEO_TEMPLATE = 'https://meet.matchday.demo/boston-2023/{meetingId}';
const window = (round: number, index: number, date: string, startsAtTime: string, endsAtTime: string) => ({
  id: demoConsultationId(KIND.window, round * 100 + index),
  date,
  startsAtTime,
  endsAtTime,
});
const roundId = (position: number): string => demoConsultationId(KIND.round, position);

export const DEMO_ROUNDS: DemoRound[] = [
  {
    id: roundId(1),
    position: 1,
    name: 'Round 1: video consultation before departure',
    mode: RoundMode.Online,
    // Seoul evenings are Boston mornings (13 hours apart in April).
    timeZone: 'Asia/Seoul',
    slotMinutes: 30,
    gapMinutes: 10,
    bookingOpensAt: '2023-04-03T09:00:00+09:00',
    bookingClosesAt: '2023-04-17T18:00:00+09:00',
    confirmation: ConfirmationRule.HostAccepts,
    eligibility: Eligibility.Open,
    eligibilitySourceRoundId: null,
    videoLinkRule: VideoLinkRule.Template,
    videoLinkTemplate: VIDEO_TEMPLATE,
    maxMeetingsPerPair: 1,
    windows: ['2023-04-19', '2023-04-20', '2023-04-21'].map((date, index) => window(1, index, date, '20:00', '23:00')),
    locations: [],
  },
  {
    id: roundId(2),
    position: 2,
    name: 'Round 2: pre-consultation',
    mode: RoundMode.OnSite,
    timeZone: 'America/New_York',
    slotMinutes: 30,
    gapMinutes: 10,
    bookingOpensAt: '2023-04-10T09:00:00-04:00',
    bookingClosesAt: '2023-04-25T18:00:00-04:00',
    confirmation: ConfirmationRule.HostAccepts,
    eligibility: Eligibility.Open,
    eligibilitySourceRoundId: null,
    videoLinkRule: null,
    videoLinkTemplate: null,
    maxMeetingsPerPair: 1,
    windows: [window(2, 0, '2023-04-27', '14:00', '18:00')],
    locations: ['A', 'B', 'C', 'D'].map((letter, index) => ({ id: demoConsultationId(KIND.location, 200 + index), name: `Meeting room ${letter}`, kind: LocationKind.Room })),
  },
  {
    id: roundId(3),
    position: 3,
    name: 'Round 3: main consultation',
    mode: RoundMode.OnSite,
    timeZone: 'America/New_York',
    slotMinutes: 30,
    gapMinutes: 10,
    bookingOpensAt: '2023-04-10T09:00:00-04:00',
    bookingClosesAt: '2023-04-26T18:00:00-04:00',
    confirmation: ConfirmationRule.HostAccepts,
    eligibility: Eligibility.Open,
    eligibilitySourceRoundId: null,
    videoLinkRule: null,
    videoLinkTemplate: null,
    maxMeetingsPerPair: 1,
    windows: [window(3, 0, '2023-04-28', '09:00', '17:00')],
    locations: Array.from({ length: 20 }, (_, index) => ({ id: demoConsultationId(KIND.location, 300 + index), name: `Table ${index + 1}`, kind: LocationKind.Table })),
  },
  {
    id: roundId(4),
    position: 4,
    name: 'Round 4: follow-up',
    mode: RoundMode.Online,
    // Back in Seoul: 09:00-12:00 there is 20:00-23:00 the evening before in Boston.
    timeZone: 'Asia/Seoul',
    slotMinutes: 30,
    gapMinutes: 10,
    bookingOpensAt: '2023-04-29T09:00:00+09:00',
    bookingClosesAt: '2023-05-05T18:00:00+09:00',
    confirmation: ConfirmationRule.HostAccepts,
    eligibility: Eligibility.FollowUpFromSourceRound,
    eligibilitySourceRoundId: roundId(3),
    videoLinkRule: VideoLinkRule.Template,
    videoLinkTemplate: VIDEO_TEMPLATE,
    maxMeetingsPerPair: 1,
    windows: ['2023-05-08', '2023-05-09', '2023-05-10'].map((date, index) => window(4, index, date, '09:00', '12:00')),
    locations: [],
  },
];

export interface DemoMeeting {
  id: string;
  roundId: string;
  /** Index into DEMO_VCS (the host) and DEMO_STARTUPS (the guest). */
  vc: number;
  startup: number;
  startsAt: Date;
  endsAt: Date;
  status: MeetingStatus;
  locationId: string | null;
  videoLink: string | null;
  requestId: string;
}

export interface DemoRequest {
  id: string;
  roundId: string;
  vc: number;
  startup: number;
  status: RequestStatus;
  priority: number;
  createdAt: Date;
  meetingId: string | null;
}

export interface DemoOutcome {
  meetingId: string;
  interestLevel: InterestLevel;
  nextStep: NextStep;
  amount: number | null;
  currency: string | null;
}

export interface DemoNote {
  meetingId: string;
  author: { vc: number } | { startup: number };
  body: string;
  rating: number;
}

export interface DemoConsultation {
  meetings: DemoMeeting[];
  requests: DemoRequest[];
  outcomes: DemoOutcome[];
  notes: DemoNote[];
}

/** Amounts under discussion in Korean funds' outcomes, in 억 원 (100 million won): they add up to 845. */
const KRW_AMOUNTS_EOK = [120, 100, 80, 70, 60, 55, 50, 45, 40, 40, 35, 30, 25, 20, 20, 15, 15, 10, 10, 5];
/** And in the Boston funds' outcomes, in US dollars. */
const USD_AMOUNTS = [3_000_000, 2_000_000, 1_500_000, 1_000_000, 750_000, 500_000];

/** A small deterministic mix of two numbers, for spreading statuses without randomness. */
const mix = (first: number, second: number): number => (first * 7919 + second * 104_729 + 13) % 997;

/** Past meetings: mostly held, a few no-shows and cancellations, spread by `mix`. */
function pastStatus(vc: number, startup: number, slot: number): MeetingStatus {
  const roll = mix(vc * 31 + slot, startup);
  if (roll % 17 === 0) return MeetingStatus.Cancelled;
  if (roll % 13 === 0) return MeetingStatus.NoShow;
  return MeetingStatus.Held;
}

/**
 * The consultation's meetings, requests and outcomes, built from each round's slot grid so no person and no table
 * is ever in two meetings at once: in every slot a startup meets at most one VC, and the VCs (and tables) of a slot
 * are all different by construction.
 */
export function buildBostonConsultation(): DemoConsultation {
  const meetings: DemoMeeting[] = [];
  const requests: DemoRequest[] = [];
  const outcomes: DemoOutcome[] = [];
  const notes: DemoNote[] = [];
  const vcCount = DEMO_VCS.length;
  const startupCount = DEMO_STARTUPS.length;
  const grids = DEMO_ROUNDS.map((round) => buildSlotGrid(round));

  const addMeeting = (round: DemoRound, slot: Slot, vc: number, startup: number, status: MeetingStatus, locationId: string | null): DemoMeeting => {
    const id = demoConsultationId(KIND.meeting, meetings.length + 1);
    const requestId = demoConsultationId(KIND.request, requests.length + 1);
    const meeting: DemoMeeting = {
      id,
      roundId: round.id,
      vc,
      startup,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      status,
      locationId,
      videoLink: round.videoLinkTemplate ? round.videoLinkTemplate.replace('{meetingId}', id) : null,
      requestId,
    };
    meetings.push(meeting);
    requests.push({
      id: requestId,
      roundId: round.id,
      vc,
      startup,
      status: RequestStatus.Scheduled,
      priority: 1 + (mix(vc, startup) % 5),
      createdAt: new Date(Date.parse(round.bookingOpensAt) + (requests.length % 50) * 3_600_000),
      meetingId: id,
    });
    return meeting;
  };

  // Round 1 (video, Seoul evenings): a third of the startups in each slot; VC = 7i + 5s + 1 (mod 38) is different for
  // every startup of a slot and for every slot of a startup.
  const [round1, round2, round3, round4] = DEMO_ROUNDS;
  grids[0].forEach((slot, s) => {
    for (let i = 0; i < startupCount; i += 1) {
      if ((i + s) % 3 !== 0) continue;
      const vc = (7 * i + 5 * s + 1) % vcCount;
      addMeeting(round1, slot, vc, i, pastStatus(vc, i, s), null);
    }
  });
  // Round 2 (pre-consultation, four rooms): a quarter of the startups per slot, one room each.
  grids[1].forEach((slot, s) => {
    let room = 0;
    for (let i = 0; i < startupCount; i += 1) {
      if ((i + s) % 4 !== 0) continue;
      const vc = (3 * i + 11 * s + 2) % vcCount;
      addMeeting(round2, slot, vc, i, pastStatus(vc, i, s), round2.locations[room].id);
      room += 1;
    }
  });
  // Round 3 (the main day, 20 tables): three startups in four in every slot, VC = i + 15s (mod 38), table rotating.
  const mainDay: DemoMeeting[] = [];
  grids[2].forEach((slot, s) => {
    for (let i = 0; i < startupCount; i += 1) {
      if ((i + s) % 4 === 3) continue;
      const vc = (i + 15 * s) % vcCount;
      mainDay.push(addMeeting(round3, slot, vc, i, pastStatus(vc, i, s), round3.locations[(i + 3 * s) % 20].id));
    }
  });

  // Outcomes of every held meeting of rounds 1 to 3; the money is discussed on the main day.
  const krw = [...KRW_AMOUNTS_EOK];
  const usd = [...USD_AMOUNTS];
  const steps = [NextStep.Pass, NextStep.FollowUpMeeting, NextStep.DueDiligence, NextStep.FollowUpMeeting, NextStep.Pass, NextStep.TermSheet, NextStep.DueDiligence];
  const interest: Record<NextStep, InterestLevel> = {
    [NextStep.Pass]: InterestLevel.Low,
    [NextStep.FollowUpMeeting]: InterestLevel.Medium,
    [NextStep.DueDiligence]: InterestLevel.High,
    [NextStep.TermSheet]: InterestLevel.High,
  };
  for (const meeting of meetings) {
    if (meeting.status !== MeetingStatus.Held) continue;
    const roll = mix(meeting.vc, meeting.startup + meetings.indexOf(meeting));
    const nextStep = meeting.roundId === round3.id ? steps[roll % steps.length] : roll % 3 === 0 ? NextStep.Pass : NextStep.FollowUpMeeting;
    const interestLevel = nextStep === NextStep.Pass && roll % 2 === 0 ? InterestLevel.None : interest[nextStep];
    let amount: number | null = null;
    let currency: string | null = null;
    if (meeting.roundId === round3.id && (nextStep === NextStep.DueDiligence || nextStep === NextStep.TermSheet)) {
      const vc = DEMO_VCS[meeting.vc];
      const next = vc.currency === 'KRW' ? krw.shift() : usd.shift();
      if (next !== undefined) {
        amount = vc.currency === 'KRW' ? next * 100_000_000 : next;
        currency = vc.currency;
      }
    }
    outcomes.push({ meetingId: meeting.id, interestLevel, nextStep, amount, currency });
  }
  const krwTotal = outcomes.filter((outcome) => outcome.currency === 'KRW').reduce((sum, outcome) => sum + (outcome.amount ?? 0), 0);
  if (krwTotal !== BOSTON_KRW_UNDER_DISCUSSION) throw new Error(`Demo outcomes add up to KRW ${krwTotal}, not ${BOSTON_KRW_UNDER_DISCUSSION}`);

  // Round 4: the main day's pairs that asked for a follow-up, each in the first slot both are free; a few cancelled.
  const followUps = mainDay.filter((meeting) => outcomes.some((outcome) => outcome.meetingId === meeting.id && outcome.nextStep === NextStep.FollowUpMeeting));
  const busy = new Set<string>();
  for (const [index, pair] of followUps.entries()) {
    const s = grids[3].findIndex((_, candidate) => !busy.has(`v${pair.vc}@${candidate}`) && !busy.has(`s${pair.startup}@${candidate}`));
    if (s < 0) continue;
    busy.add(`v${pair.vc}@${s}`);
    busy.add(`s${pair.startup}@${s}`);
    addMeeting(round4, grids[3][s], pair.vc, pair.startup, index % 9 === 4 ? MeetingStatus.Cancelled : MeetingStatus.Confirmed, null);
  }

  // Requests that did not become meetings: declined, expired, and in the follow-up round some still pending.
  const met = new Set(requests.map((request) => `${request.roundId}:${request.vc}:${request.startup}`));
  for (const [position, round] of DEMO_ROUNDS.entries()) {
    for (let i = 0; i < startupCount; i += 1) {
      const tries = position === 3 ? 1 : 3;
      for (let t = 0; t < tries; t += 1) {
        const vc = (11 * i + 17 * t + 5 * position + 3) % vcCount;
        if (met.has(`${round.id}:${vc}:${i}`)) continue;
        met.add(`${round.id}:${vc}:${i}`);
        const status = position === 3 ? RequestStatus.Pending : t === 2 ? RequestStatus.Expired : RequestStatus.Declined;
        requests.push({
          id: demoConsultationId(KIND.request, requests.length + 1),
          roundId: round.id,
          vc,
          startup: i,
          status,
          priority: 1 + ((i + t) % 5),
          createdAt: new Date(Date.parse(round.bookingOpensAt) + (i * 3 + t) * 3_600_000),
          meetingId: null,
        });
      }
    }
  }

  // A few private notes, as the people wrote them (each sees only their own).
  for (const meeting of mainDay.filter((candidate) => candidate.status === MeetingStatus.Held).slice(0, 8)) {
    notes.push({ meetingId: meeting.id, author: { vc: meeting.vc }, body: `Strong founding team at ${DEMO_STARTUPS[meeting.startup].organizationName}; check the US regulatory path.`, rating: 3 + (meeting.startup % 3) });
    notes.push({ meetingId: meeting.id, author: { startup: meeting.startup }, body: `${DEMO_VCS[meeting.vc].organizationName} asked for our data room; send it this week.`, rating: 4 });
  }
  return { meetings, requests, outcomes, notes };
}
