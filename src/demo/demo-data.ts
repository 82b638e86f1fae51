import { CompanyStage, InvestorType, OrganizationKind, OrganizationRole } from '../organizations/organization.enums';
import { EventRole, EventStatus } from '../events/event.enums';
import { Language } from '../users/language';

/** Every demo account signs in with this password (printed at start-up by `npm run start:demo`). */
export const DEMO_PASSWORD = 'matchday-demo-2023';

export interface DemoPerson {
  email: string;
  name: string;
  language: Language;
  timeZone: string;
  isPlatformAdmin?: boolean;
  /** What the start-up log says this login is for. */
  purpose: string;
}

export interface DemoOrganization {
  /** Fixed ids keep the seed idempotent. */
  id: string;
  name: string;
  kind: OrganizationKind;
  investorType?: InvestorType;
  sectors: string[];
  stage?: CompanyStage;
  country: string;
  website?: string;
  description: string;
  ticketMin?: number;
  ticketMax?: number;
  ticketCurrency?: string;
  focusSectors?: string[];
  focusStages?: CompanyStage[];
  members: Array<{ email: string; role: OrganizationRole }>;
}

export interface DemoEvent {
  slug: string;
  name: string;
  description: string;
  venueName: string;
  venueAddress: string;
  timeZone: string;
  startsOn: string;
  endsOn: string;
  status: EventStatus;
  members: Array<{ email: string; roles: EventRole[] }>;
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { email: 'admin@matchday.demo', name: 'Platform Operator', language: Language.English, timeZone: 'Asia/Seoul', isPlatformAdmin: true, purpose: 'platform admin' },
  { email: 'organizer@matchday.demo', name: '이도윤 (MSS programme manager)', language: Language.Korean, timeZone: 'Asia/Seoul', purpose: 'organizer of both events' },
  { email: 'staff@matchday.demo', name: 'Park Seoyeon', language: Language.Korean, timeZone: 'Asia/Seoul', purpose: 'event staff' },
  { email: 'genecell@matchday.demo', name: 'Choi Jiwoo', language: Language.Korean, timeZone: 'Asia/Seoul', purpose: 'startup (bio, gene therapy)' },
  { email: 'dermalab@matchday.demo', name: 'Han Yuna', language: Language.Korean, timeZone: 'Asia/Seoul', purpose: 'startup (K-beauty device)' },
  { email: 'greenmobility@matchday.demo', name: 'Kang Minho', language: Language.English, timeZone: 'Asia/Seoul', purpose: 'startup (eco-friendly mobility)' },
  { email: 'partner@charlesriver.demo', name: 'Emily Carter', language: Language.English, timeZone: 'America/New_York', purpose: 'investor (Boston VC)' },
  { email: 'partner@hanriver.demo', name: 'Lee Junseo', language: Language.Korean, timeZone: 'Asia/Seoul', purpose: 'investor (Seoul VC)' },
  { email: 'openinnovation@loreal.demo', name: 'Claire Martin', language: Language.English, timeZone: 'Europe/Paris', purpose: 'corporate (open innovation)' },
  { email: 'patent@expert.demo', name: 'Yoon Hana', language: Language.Korean, timeZone: 'Asia/Seoul', purpose: 'expert (patents)' },
];

// Company names other than L'Oréal and Coupang are invented for the demo; the articles do not name the startups.
export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    id: '6f0e2a4c-0000-4000-8000-000000000001',
    name: 'Ministry of SMEs and Startups (demo)',
    kind: OrganizationKind.Agency,
    sectors: [],
    country: 'KR',
    description: 'Host of K-Global Cluster 2023 and of the Korea-US investment consultation day in Boston.',
    members: [
      { email: 'organizer@matchday.demo', role: OrganizationRole.Owner },
      { email: 'staff@matchday.demo', role: OrganizationRole.Member },
    ],
  },
  {
    id: '6f0e2a4c-0000-4000-8000-000000000002',
    name: 'GeneCell Therapeutics',
    kind: OrganizationKind.Startup,
    sectors: ['bio', 'gene therapy'],
    stage: CompanyStage.SeriesA,
    country: 'KR',
    description: 'Gene and cell therapies from a regulation-free special zone; exhibiting in the bio pavilion.',
    members: [{ email: 'genecell@matchday.demo', role: OrganizationRole.Owner }],
  },
  {
    id: '6f0e2a4c-0000-4000-8000-000000000003',
    name: 'DermaLab Devices',
    kind: OrganizationKind.Startup,
    sectors: ['cosmetics', 'beauty device', 'digital healthcare'],
    stage: CompanyStage.Seed,
    country: 'KR',
    description: 'Skin-care devices with AI skin diagnosis; one of the 14 companies of the cosmetics pavilion.',
    members: [{ email: 'dermalab@matchday.demo', role: OrganizationRole.Owner }],
  },
  {
    id: '6f0e2a4c-0000-4000-8000-000000000004',
    name: 'Green Mobility Gangwon',
    kind: OrganizationKind.Startup,
    sectors: ['eco-friendly mobility', 'autonomous driving'],
    stage: CompanyStage.PreSeed,
    country: 'KR',
    description: 'Hydrogen micro-mobility tested in the Gangwon regulation-free special zone.',
    members: [{ email: 'greenmobility@matchday.demo', role: OrganizationRole.Owner }],
  },
  {
    id: '6f0e2a4c-0000-4000-8000-000000000005',
    name: 'Charles River Bio Ventures',
    kind: OrganizationKind.Investor,
    investorType: InvestorType.VentureCapital,
    sectors: [],
    country: 'US',
    description: 'Boston life-science fund meeting Korean startups at the investment consultation day.',
    ticketMin: 500_000,
    ticketMax: 5_000_000,
    ticketCurrency: 'USD',
    focusSectors: ['bio', 'bio-health', 'medical devices'],
    focusStages: [CompanyStage.Seed, CompanyStage.SeriesA],
    members: [{ email: 'partner@charlesriver.demo', role: OrganizationRole.Owner }],
  },
  {
    id: '6f0e2a4c-0000-4000-8000-000000000006',
    name: 'Han River Partners',
    kind: OrganizationKind.Investor,
    investorType: InvestorType.VentureCapital,
    sectors: [],
    country: 'KR',
    description: 'Seoul early-stage fund.',
    ticketMin: 300_000_000,
    ticketMax: 3_000_000_000,
    ticketCurrency: 'KRW',
    focusSectors: ['mobility', 'future energy', 'cosmetics'],
    focusStages: [CompanyStage.PreSeed, CompanyStage.Seed],
    members: [{ email: 'partner@hanriver.demo', role: OrganizationRole.Owner }],
  },
  {
    id: '6f0e2a4c-0000-4000-8000-000000000007',
    name: "L'Oréal Group",
    kind: OrganizationKind.Corporate,
    sectors: ['cosmetics'],
    country: 'FR',
    website: 'https://www.loreal.com',
    description: 'Runs the L\'Oréal Big Bang open-innovation programme with Korean beauty-tech startups.',
    members: [{ email: 'openinnovation@loreal.demo', role: OrganizationRole.Owner }],
  },
  {
    id: '6f0e2a4c-0000-4000-8000-000000000008',
    name: 'Coupang',
    kind: OrganizationKind.Corporate,
    sectors: ['e-commerce'],
    country: 'KR',
    website: 'https://www.coupang.com',
    description: 'Exhibits in the cosmetics pavilion with its small-business partners.',
    members: [],
  },
  {
    id: '6f0e2a4c-0000-4000-8000-000000000009',
    name: 'Motionbank',
    kind: OrganizationKind.Startup,
    sectors: ['cosmetics', 'beauty device'],
    country: 'KR',
    description: "Smart UV-dose meter; a winner of L'Oréal Big Bang 2023.",
    members: [],
  },
  {
    id: '6f0e2a4c-0000-4000-8000-00000000000a',
    name: 'Easytem',
    kind: OrganizationKind.Startup,
    sectors: ['cosmetics', 'bio materials'],
    country: 'KR',
    description: "Absorption booster for cosmetic active ingredients; a winner of L'Oréal Big Bang 2023.",
    members: [],
  },
];

export const DEMO_EVENTS: DemoEvent[] = [
  {
    slug: 'k-global-cluster-2023',
    name: 'K-Global Cluster 2023',
    description:
      'A 3-day expo of regulation-free special zones: a cosmetics pavilion (14 companies with L\'Oréal and Coupang) and a bio ' +
      'pavilion (18 bio ventures) on 1F, a press room and business lounge on 2F, four theme pavilions on 3F (eco-friendly ' +
      'mobility, autonomous driving, bio-health, future energy); Korea-France and Korea-Japan MOU signings.',
    venueName: 'S-Factory',
    venueAddress: 'Seongsu-dong, Seongdong-gu, Seoul',
    timeZone: 'Asia/Seoul',
    startsOn: '2023-11-08',
    endsOn: '2023-11-10',
    status: EventStatus.Published,
    members: [
      { email: 'organizer@matchday.demo', roles: [EventRole.Organizer] },
      { email: 'staff@matchday.demo', roles: [EventRole.Staff] },
      { email: 'genecell@matchday.demo', roles: [EventRole.Startup, EventRole.Exhibitor] },
      { email: 'dermalab@matchday.demo', roles: [EventRole.Startup, EventRole.Exhibitor] },
      { email: 'greenmobility@matchday.demo', roles: [EventRole.Startup, EventRole.Exhibitor] },
      { email: 'partner@hanriver.demo', roles: [EventRole.Investor] },
      { email: 'openinnovation@loreal.demo', roles: [EventRole.Exhibitor] },
    ],
  },
  {
    slug: 'korea-us-investment-day-boston-2023',
    name: 'Korea-US Investment Consultation Day, Boston',
    description:
      'IR pitches and 1:1 consultations between Korean startups and VCs, in four rounds: a video round before departure, ' +
      'a pre-consultation the day before, the main consultation on 28 April, and a follow-up.',
    venueName: 'Boston (venue to be announced)',
    venueAddress: 'Boston, MA, USA',
    timeZone: 'America/New_York',
    startsOn: '2023-04-28',
    endsOn: '2023-04-28',
    status: EventStatus.Published,
    members: [
      { email: 'organizer@matchday.demo', roles: [EventRole.Organizer] },
      { email: 'genecell@matchday.demo', roles: [EventRole.Startup] },
      { email: 'dermalab@matchday.demo', roles: [EventRole.Startup] },
      { email: 'partner@charlesriver.demo', roles: [EventRole.Investor] },
      { email: 'partner@hanriver.demo', roles: [EventRole.Investor] },
      { email: 'patent@expert.demo', roles: [EventRole.Expert] },
    ],
  },
];
