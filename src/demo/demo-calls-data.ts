import { CallDecision, QuestionKind } from '../calls/call.enums';
import { CollaborationStage } from '../collaborations/collaboration.enums';
import { MeetingStatus, NextStep, RequestStatus } from '../consultations/consultation.enums';
import { buildBostonConsultation, DEMO_ROUNDS, DEMO_STARTUPS, DEMO_VCS } from './demo-consultations-data';

/**
 * The calls of the demo: L'Oréal Big Bang (seed 000: applications opened in September 2023, 34 applicants for 2
 * places, 17 to 1; winners Motionbank and Easytem, who then work with L'Oréal on overseas proof of concept), and the
 * IR pitches of the Boston day (seed 001: 15 startups pitched to the VCs, whose "want to meet" became follow-up
 * requests). Only L'Oréal, Motionbank and Easytem are real names; the other applicants, the reviews and the ratings
 * are invented. Everything is deterministic, with fixed ids.
 */

/** Fixed ids: one prefix per kind of row, the row's number in the last group. */
export function demoCallId(kind: number, index: number): string {
  return `b16ba${kind.toString(16).padStart(3, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

const KIND = {
  call: 1,
  question: 2,
  criterion: 3,
  application: 4,
  organization: 5,
  review: 6,
  project: 7,
  stageEntry: 8,
  agendaSession: 9,
  pitchSession: 10,
  pitchSlot: 11,
  meetingRequest: 12,
} as const;

/** A small deterministic mix of two numbers (the same rule as the consultation demo). */
const mix = (first: number, second: number): number => (first * 7919 + second * 104_729 + 13) % 997;

export const LOREAL_ORGANIZATION_ID = '6f0e2a4c-0000-4000-8000-000000000007';
const MOTIONBANK_ID = '6f0e2a4c-0000-4000-8000-000000000009';
const EASYTEM_ID = '6f0e2a4c-0000-4000-8000-00000000000a';
const DERMALAB_ID = '6f0e2a4c-0000-4000-8000-000000000003';

export const BIG_BANG_CALL_ID = demoCallId(KIND.call, 1);
export const BOSTON_IR_CALL_ID = demoCallId(KIND.call, 2);

export interface DemoQuestion {
  id: string;
  kind: QuestionKind;
  prompt: string;
  required: boolean;
  choices: string[];
  minValue: number | null;
}

export interface DemoCriterion {
  id: string;
  name: string;
  description: string;
  maxScore: number;
}

const TRACKS = ['Digital device', 'Advanced material', 'Generative AI'];

export const BIG_BANG = {
  id: BIG_BANG_CALL_ID,
  title: "L'Oréal Big Bang open innovation 2023 (Korea)",
  description:
    "L'Oréal's North Asia open-innovation programme for the 'beauty triangle' of Korea, China and Japan. In Korea the " +
    "Ministry of SMEs and Startups and L'Oréal look for startups with digital and beauty-tech technologies; winners get " +
    "joint business opportunities with L'Oréal for overseas proof of concept and market entry, and policy funding.",
  eligibility: 'Korean SMEs and startups with an innovative digital or beauty-tech technology',
  opensAt: '2023-09-01T09:00:00+09:00',
  closesAt: '2023-09-30T18:00:00+09:00',
  places: 2,
  decidedAt: '2023-10-20T09:00:00+09:00',
  /** Announced at the award ceremony that followed the opening of K-Global Cluster 2023. */
  publishedAt: '2023-11-08T11:00:00+09:00',
  questions: [
    { id: demoCallId(KIND.question, 1), kind: QuestionKind.Text, prompt: 'What does your technology do for beauty?', required: true, choices: [], minValue: null },
    { id: demoCallId(KIND.question, 2), kind: QuestionKind.Choice, prompt: 'Track', required: true, choices: TRACKS, minValue: null },
    { id: demoCallId(KIND.question, 3), kind: QuestionKind.Link, prompt: 'Pitch deck', required: false, choices: [], minValue: null },
    { id: demoCallId(KIND.question, 4), kind: QuestionKind.Number, prompt: 'Employees', required: false, choices: [], minValue: 1 },
  ] satisfies DemoQuestion[],
  criteria: [
    { id: demoCallId(KIND.criterion, 1), name: 'Innovation', description: 'How new the technology is for beauty', maxScore: 10 },
    { id: demoCallId(KIND.criterion, 2), name: "Fit with L'Oréal", description: "How well it serves L'Oréal's brands and customers", maxScore: 10 },
    { id: demoCallId(KIND.criterion, 3), name: 'Global scalability', description: 'Readiness for an overseas proof of concept', maxScore: 10 },
  ] satisfies DemoCriterion[],
};

/** Invented Korean beauty-tech applicants, besides the two winners and DermaLab. */
const OTHER_APPLICANTS: Array<[string, string]> = [
  ['Hanbit Skin AI', 'AI skin diagnosis from a phone photo'],
  ['Jeju Green Cosmetics', 'Upcycled tangerine peel actives'],
  ['Seoul Microbiome Lab', 'Skin microbiome tests and matched serums'],
  ['Nabi Beauty Robotics', 'A nail-painting robot for salons'],
  ['Dasom Biomaterials', 'Plant-based collagen alternative'],
  ['Glowlab', 'Generative AI shade matching for foundations'],
  ['Miso Packaging', 'Refillable, sensor-tagged cosmetic packaging'],
  ['Sora Scalp Care', 'Scalp imaging device for hair-loss care'],
  ['Bada Marine Actives', 'Seaweed-derived moisturising actives'],
  ['K-Aroma Tech', 'Scent personalisation with a micro-dispenser'],
  ['Onnuri Derm Devices', 'Home LED mask with dose tracking'],
  ['Pureun Lab', 'Waterless solid cosmetics'],
  ['Haneul Sun Care', 'Reef-safe mineral UV filters'],
  ['Minji Virtual Try-on', 'AR make-up try-on for e-commerce'],
  ['Gaon Peptide', 'Anti-ageing peptide synthesis at low cost'],
  ['Byeol Cosmetic AI', 'Generative AI for formula design'],
  ['Saebom Fermentation', 'Fermented ginseng extracts'],
  ['Doyo Beauty Data', 'Consumer review analytics for product teams'],
  ['Ara Hair Tech', 'Smart hair dryer protecting the cuticle'],
  ['Eum Sensitive Skin', 'Patch test kits with a colour readout'],
  ['Nuri Lip Lab', 'Custom lipstick printed in store'],
  ['Yeoreum Cooling', 'Cooling-film actives for summer care'],
  ['Kkot Botanicals', 'Camellia oil refined without solvents'],
  ['Chorok Bioplastic', 'Compostable tubes and jars'],
  ['Sae Eye Care', 'Under-eye patch with microneedles'],
  ['Hwa Beauty Scanner', 'Handheld pigmentation scanner'],
  ['Iseul Hydration', 'Moisture sensor for skin, in a compact'],
  ['Maru Men Care', "Men's grooming subscription with AI routines"],
  ['Jiwoo Nano Capsule', 'Nano-capsules for retinol stability'],
  ['Bom Spa Devices', 'Ultrasonic cleansing brush with app coaching'],
  ['Taeyang Textile Beauty', 'Cosmetic textiles releasing actives'],
];

export interface DemoApplicant {
  applicationId: string;
  organizationId: string;
  name: string;
  /** Invented here (inserted by the calls seed); the others exist already. */
  invented: boolean;
  pitch: string;
  track: string;
  employees: number;
  decision: CallDecision;
  note: string;
  shareReviewComments: boolean;
  /** Each reviewer's scores on the three criteria. */
  scores: [number[], number[]];
  comments: [string | null, string | null];
}

const WINNER_NOTE =
  "Winner of L'Oréal Big Bang 2023: joint business with L'Oréal for an overseas proof of concept, and policy funding from KOSME. " +
  'The award ceremony is on 8 November at S-Factory.';

/** 34 applicants for 2 places: 17 to 1. */
export const BIG_BANG_APPLICANTS: DemoApplicant[] = [
  {
    applicationId: demoCallId(KIND.application, 1),
    organizationId: MOTIONBANK_ID,
    name: 'Motionbank',
    invented: false,
    pitch: 'A smart meter of the UV dose your skin actually took, telling you when to reapply sunscreen.',
    track: 'Digital device',
    employees: 14,
    decision: CallDecision.Selected,
    note: WINNER_NOTE,
    shareReviewComments: false,
    scores: [
      [10, 9, 9],
      [9, 10, 9],
    ],
    comments: ['Clear consumer benefit; ideal for a sun-care launch in Asia.', 'Strong fit with our sun-care brands.'],
  },
  {
    applicationId: demoCallId(KIND.application, 2),
    organizationId: EASYTEM_ID,
    name: 'Easytem',
    invented: false,
    pitch: 'An AP (arcporation) technology that helps cosmetic active ingredients pass the skin barrier.',
    track: 'Advanced material',
    employees: 21,
    decision: CallDecision.Selected,
    note: WINNER_NOTE,
    shareReviewComments: false,
    scores: [
      [9, 9, 10],
      [10, 9, 8],
    ],
    comments: ['Solid clinical data on absorption.', 'Could raise the efficacy of several serums.'],
  },
  {
    applicationId: demoCallId(KIND.application, 3),
    organizationId: DERMALAB_ID,
    name: 'DermaLab Devices',
    invented: false,
    pitch: 'Skin-care devices with AI skin diagnosis for home and clinic.',
    track: 'Digital device',
    employees: 9,
    decision: CallDecision.Waitlisted,
    note: 'First on the waitlist: we will come back to you if a winner cannot take part.',
    shareReviewComments: true,
    scores: [
      [8, 8, 8],
      [8, 7, 8],
    ],
    comments: ['Good device, but the diagnosis model needs more diverse skin data.', 'Promising; clinical validation would make it stronger.'],
  },
  ...OTHER_APPLICANTS.map(([name, pitch], index): DemoApplicant => {
    const score = (reviewer: number, criterion: number): number => 3 + (mix(index * 3 + criterion, reviewer + 1) % 5);
    return {
      applicationId: demoCallId(KIND.application, index + 4),
      organizationId: demoCallId(KIND.organization, index + 1),
      name,
      invented: true,
      pitch,
      track: TRACKS[index % TRACKS.length],
      employees: 3 + (mix(index, 7) % 40),
      decision: CallDecision.Rejected,
      note: "Thank you for applying to L'Oréal Big Bang; we hope to see you in the next edition.",
      shareReviewComments: false,
      scores: [
        [score(0, 0), score(0, 1), score(0, 2)],
        [score(1, 0), score(1, 1), score(1, 2)],
      ],
      comments: [index % 4 === 0 ? 'Interesting, but early for a global proof of concept.' : null, index % 5 === 0 ? 'Crowded space.' : null],
    };
  }),
];

/** The reviewers: the patent expert of the demo and L'Oréal's open-innovation lead. */
export const BIG_BANG_REVIEWER_EMAILS: [string, string] = ['patent@expert.demo', 'openinnovation@loreal.demo'];

export function bigBangReviewId(applicant: number, reviewer: number): string {
  return demoCallId(KIND.review, applicant * 2 + reviewer + 1);
}

export interface DemoProject {
  id: string;
  applicationId: string;
  startupOrganizationId: string;
  title: string;
  stages: Array<{ id: string; stage: CollaborationStage; on: string; note: string }>;
}

/** The two winners' collaborations with L'Oréal, through their stages. */
export const BIG_BANG_PROJECTS: DemoProject[] = [
  {
    id: demoCallId(KIND.project, 1),
    applicationId: BIG_BANG_APPLICANTS[0].applicationId,
    startupOrganizationId: MOTIONBANK_ID,
    title: "Smart UV-dose meter: overseas proof of concept with L'Oréal sun care",
    stages: [
      { id: demoCallId(KIND.stageEntry, 1), stage: CollaborationStage.Matching, on: '2023-11-08', note: 'Matched with the sun-care brand team at the award ceremony' },
      { id: demoCallId(KIND.stageEntry, 2), stage: CollaborationStage.TechnicalVerification, on: '2024-01-15', note: "Meter accuracy tested against L'Oréal's UV lab" },
      { id: demoCallId(KIND.stageEntry, 3), stage: CollaborationStage.MarketVerification, on: '2024-05-02', note: 'Pilot with shoppers in two markets' },
    ],
  },
  {
    id: demoCallId(KIND.project, 2),
    applicationId: BIG_BANG_APPLICANTS[1].applicationId,
    startupOrganizationId: EASYTEM_ID,
    title: "AP absorption booster in L'Oréal serums",
    stages: [
      { id: demoCallId(KIND.stageEntry, 4), stage: CollaborationStage.Matching, on: '2023-11-08', note: 'Matched with the advanced research team' },
      { id: demoCallId(KIND.stageEntry, 5), stage: CollaborationStage.TechnicalVerification, on: '2024-02-01', note: 'Formulation trials with two serums' },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Boston: IR pitches of the 15 startups to the VCs on the evening of 28 April 2023.
// ---------------------------------------------------------------------------------------------------------------

export const BOSTON_IR = {
  callId: BOSTON_IR_CALL_ID,
  title: 'IR pitch places: Korea-US Investment Consultation Day, Boston',
  description: 'Seven minutes of pitch and three of questions in front of the Boston and Korean VCs of the investment consultation.',
  eligibility: 'Startups of the Boston delegation',
  opensAt: '2023-03-06T09:00:00+09:00',
  closesAt: '2023-03-24T18:00:00+09:00',
  decidedAt: '2023-03-31T10:00:00+09:00',
  publishedAt: '2023-04-03T10:00:00+09:00',
  questions: [
    { id: demoCallId(KIND.question, 11), kind: QuestionKind.Text, prompt: 'Your company in one paragraph', required: true, choices: [], minValue: null },
    { id: demoCallId(KIND.question, 12), kind: QuestionKind.Number, prompt: 'Funding sought (USD)', required: false, choices: [], minValue: 0 },
  ] satisfies DemoQuestion[],
  agendaSessionId: demoCallId(KIND.agendaSession, 1),
  pitchSessionId: demoCallId(KIND.pitchSession, 1),
  /** 15 pitches of 7 + 3 minutes: 17:30 to 20:00 in Boston. */
  startsAt: '2023-04-28T17:30:00-04:00',
  endsAt: '2023-04-28T20:00:00-04:00',
  /** "Want to meet" goes to the follow-up round, whose booking opened at 09:00 in Seoul, 20:00 in Boston. */
  roundId: DEMO_ROUNDS[3].id,
  interestAt: '2023-04-28T20:05:00-04:00',
};

export function bostonApplicationId(startup: number): string {
  return demoCallId(KIND.application, 100 + startup);
}

export function bostonSlotId(startup: number): string {
  return demoCallId(KIND.pitchSlot, startup + 1);
}

export interface DemoRating {
  vc: number;
  startup: number;
  score: number;
}

export interface DemoInterest {
  vc: number;
  startup: number;
  requestId: string;
}

function pairKey(vc: number, startup: number): string {
  return `${vc}:${startup}`;
}

/**
 * Ratings of the pitches by the VCs (about six in ten rated each pitch), and "want to meet" where the follow-up round
 * lets the pair meet: main-day meetings whose outcome asked for a follow-up and that have no follow-up meeting yet
 * (it was cancelled) nor an open request there, so the requests obey the round's eligibility and its one open request
 * per pair.
 */
export function buildBostonPitchFeedback(): { ratings: DemoRating[]; interests: DemoInterest[] } {
  const { meetings, outcomes, requests } = buildBostonConsultation();
  const [, , mainDay, followUp] = DEMO_ROUNDS;
  const followUpAsked = meetings.filter(
    (meeting) =>
      meeting.roundId === mainDay.id &&
      meeting.status === MeetingStatus.Held &&
      outcomes.some((outcome) => outcome.meetingId === meeting.id && outcome.nextStep === NextStep.FollowUpMeeting),
  );
  const followedUp = new Set(
    meetings.filter((meeting) => meeting.roundId === followUp.id && meeting.status !== MeetingStatus.Cancelled).map((meeting) => pairKey(meeting.vc, meeting.startup)),
  );
  for (const request of requests) {
    if (request.roundId === followUp.id && (request.status === RequestStatus.Pending || request.status === RequestStatus.Accepted)) {
      followedUp.add(pairKey(request.vc, request.startup));
    }
  }
  const wanted = new Set(followUpAsked.filter((meeting) => !followedUp.has(pairKey(meeting.vc, meeting.startup))).map((meeting) => pairKey(meeting.vc, meeting.startup)));
  const ratings: DemoRating[] = [];
  const interests: DemoInterest[] = [];
  for (let vc = 0; vc < DEMO_VCS.length; vc += 1) {
    for (let startup = 0; startup < DEMO_STARTUPS.length; startup += 1) {
      const wants = wanted.has(pairKey(vc, startup));
      if (!wants && mix(vc, startup + 50) % 10 >= 6) continue;
      ratings.push({ vc, startup, score: wants ? 5 : 1 + (mix(vc + 3, startup) % 5) });
      if (wants) interests.push({ vc, startup, requestId: demoCallId(KIND.meetingRequest, interests.length + 1) });
    }
  }
  return { ratings, interests };
}
