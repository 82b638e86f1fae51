import { ApplicationStatus, RoomKind } from '../booths/booth.enums';
import { PartyRole, SessionKind, SessionVisibility } from '../agenda/agenda.enums';

/** The K-Global Cluster 2023 floor and programme (seed 000), for the demo. */
export const DEMO_FLOOR_EVENT_SLUG = 'k-global-cluster-2023';

export interface DemoPavilion {
  floor: string;
  nameKo: string;
  nameEn: string;
  theme: string;
  boothPrefix: string;
  boothCount: number;
}

export const DEMO_PAVILIONS: DemoPavilion[] = [
  { floor: '1F', nameKo: '코스메틱관', nameEn: 'Cosmetics pavilion', theme: 'K-beauty: cosmetics, bio materials, devices, digital healthcare', boothPrefix: 'C-', boothCount: 16 },
  { floor: '1F', nameKo: '바이오관', nameEn: 'Bio pavilion', theme: 'Gene and cell therapy, AI biomarkers', boothPrefix: 'B-', boothCount: 18 },
  { floor: '3F', nameKo: '친환경 모빌리티관', nameEn: 'Eco-friendly mobility', theme: 'Regulation-free special zones: mobility', boothPrefix: 'M-', boothCount: 4 },
  { floor: '3F', nameKo: '자율주행관', nameEn: 'Autonomous driving', theme: 'Regulation-free special zones: autonomous driving', boothPrefix: 'A-', boothCount: 4 },
  { floor: '3F', nameKo: '바이오헬스관', nameEn: 'Bio-health', theme: 'Regulation-free special zones: bio-health', boothPrefix: 'H-', boothCount: 4 },
  { floor: '3F', nameKo: '미래에너지관', nameEn: 'Future energy', theme: 'Regulation-free special zones: future energy', boothPrefix: 'E-', boothCount: 4 },
];

export const DEMO_ROOMS = [
  { floor: '1F', nameKo: '메인 무대', nameEn: 'Main stage', kind: RoomKind.Stage, capacity: 300 },
  { floor: '2F', nameKo: '프레스룸', nameEn: 'Press room', kind: RoomKind.PressRoom, capacity: 40 },
  { floor: '2F', nameKo: '비즈니스 라운지', nameEn: 'Business lounge', kind: RoomKind.BusinessLounge, capacity: 60 },
];

export interface DemoExhibitor {
  organizationId: string;
  pavilionNameEn: string;
  boothCode: string;
  appliedByEmail: string;
  pitch: string;
  products: string[];
  description: string;
  staffOnDuty: string[];
}

export const DEMO_EXHIBITORS: DemoExhibitor[] = [
  {
    organizationId: '6f0e2a4c-0000-4000-8000-000000000007',
    pavilionNameEn: 'Cosmetics pavilion',
    boothCode: 'C-01',
    appliedByEmail: 'openinnovation@loreal.demo',
    pitch: 'Open innovation with Korean beauty-tech startups (L\'Oréal Big Bang).',
    products: ['L\'Oréal Big Bang programme'],
    description: '로레알 빅뱅 오픈 이노베이션: 뷰티테크 스타트업과의 협업. Beauty-tech open innovation with Korean startups.',
    staffOnDuty: ['Claire Martin'],
  },
  {
    organizationId: '6f0e2a4c-0000-4000-8000-000000000008',
    pavilionNameEn: 'Cosmetics pavilion',
    boothCode: 'C-02',
    appliedByEmail: 'organizer@matchday.demo',
    pitch: 'Online sales channels for small K-beauty brands.',
    products: ['Marketplace onboarding'],
    description: '중소 화장품 브랜드의 온라인 판로. Online sales channels for small cosmetics brands.',
    staffOnDuty: [],
  },
  {
    organizationId: '6f0e2a4c-0000-4000-8000-000000000003',
    pavilionNameEn: 'Cosmetics pavilion',
    boothCode: 'C-03',
    appliedByEmail: 'dermalab@matchday.demo',
    pitch: 'Skin-care devices with AI skin diagnosis.',
    products: ['AI 피부 진단기', 'LED skin-care mask'],
    description: '화장품 유효성분 흡수를 돕는 피부관리 기기와 AI 피부 진단. Skin-care devices and AI skin diagnosis.',
    staffOnDuty: ['Han Yuna'],
  },
  {
    organizationId: '6f0e2a4c-0000-4000-8000-000000000002',
    pavilionNameEn: 'Bio pavilion',
    boothCode: 'B-01',
    appliedByEmail: 'genecell@matchday.demo',
    pitch: 'Gene and cell therapies from a regulation-free special zone.',
    products: ['유전자치료제 후보물질', 'CAR-NK cell therapy platform'],
    description: '유전자치료제와 세포치료제 개발. Gene therapy and cell therapy pipeline.',
    staffOnDuty: ['Choi Jiwoo'],
  },
  {
    organizationId: '6f0e2a4c-0000-4000-8000-000000000004',
    pavilionNameEn: 'Eco-friendly mobility',
    boothCode: 'M-01',
    appliedByEmail: 'greenmobility@matchday.demo',
    pitch: 'Hydrogen micro-mobility tested in the Gangwon special zone.',
    products: ['수소 전기 자전거', 'Hydrogen cartridge swap station'],
    description: '강원 규제자유특구에서 실증한 수소 모빌리티. Hydrogen micro-mobility.',
    staffOnDuty: ['Kang Minho'],
  },
];

export const DEMO_APPLICATION_STATUS = ApplicationStatus.Accepted;

export interface DemoSession {
  id: string;
  titleKo: string;
  titleEn: string;
  kind: SessionKind;
  roomNameEn: string | null;
  /** Wall-clock times in Asia/Seoul. */
  startsAt: string;
  endsAt: string;
  description: string;
  visibility: SessionVisibility;
  capacity: number | null;
  speakers: Array<{ id: string; email?: string; guestName?: string; affiliation?: string }>;
  parties: Array<{ id: string; role: PartyRole; organizationId?: string; name?: string; country?: string; awardTitle?: string }>;
}

export const DEMO_SESSIONS: DemoSession[] = [
  {
    id: '7a1b0c2d-0000-4000-8000-000000000001',
    titleKo: 'K-글로벌 클러스터 2023 개막식',
    titleEn: 'K-Global Cluster 2023 opening ceremony',
    kind: SessionKind.OpeningCeremony,
    roomNameEn: 'Main stage',
    startsAt: '2023-11-08T10:00',
    endsAt: '2023-11-08T10:40',
    description: 'Opening of the three-day cluster expo at S-Factory.',
    visibility: SessionVisibility.Public,
    capacity: 300,
    speakers: [
      { id: '7a1b0c2d-0000-4000-8001-000000000001', guestName: 'Oh Ki-woong', affiliation: 'Vice Minister of SMEs and Startups' },
      { id: '7a1b0c2d-0000-4000-8001-000000000002', email: 'organizer@matchday.demo' },
    ],
    parties: [],
  },
  {
    id: '7a1b0c2d-0000-4000-8000-000000000002',
    titleKo: '우수 규제자유특구 시상',
    titleEn: 'Awards for the best regulation-free special zones',
    kind: SessionKind.AwardCeremony,
    roomNameEn: 'Main stage',
    startsAt: '2023-11-08T10:40',
    endsAt: '2023-11-08T11:00',
    description: 'Gangwon and Gyeongbuk are recognised as the best regulation-free special zones.',
    visibility: SessionVisibility.Public,
    capacity: null,
    speakers: [],
    parties: [
      { id: '7a1b0c2d-0000-4000-8002-000000000001', role: PartyRole.AwardWinner, name: 'Gangwon Province', country: 'KR', awardTitle: 'Best regulation-free special zone' },
      { id: '7a1b0c2d-0000-4000-8002-000000000002', role: PartyRole.AwardWinner, name: 'Gyeongsangbuk-do', country: 'KR', awardTitle: 'Best regulation-free special zone' },
    ],
  },
  {
    id: '7a1b0c2d-0000-4000-8000-000000000003',
    titleKo: '로레알 빅뱅 오픈 이노베이션 시상식',
    titleEn: "L'Oréal Big Bang open innovation award ceremony",
    kind: SessionKind.AwardCeremony,
    roomNameEn: 'Main stage',
    startsAt: '2023-11-08T11:00',
    endsAt: '2023-11-08T11:40',
    description: 'Two winners out of 34 applicants (17 to 1): a smart UV-dose meter and an absorption booster for cosmetic actives.',
    visibility: SessionVisibility.Public,
    capacity: null,
    speakers: [
      { id: '7a1b0c2d-0000-4000-8001-000000000003', guestName: 'Samuel Du Retail', affiliation: "CEO, L'Oréal Korea" },
      { id: '7a1b0c2d-0000-4000-8001-000000000004', email: 'openinnovation@loreal.demo' },
    ],
    parties: [
      { id: '7a1b0c2d-0000-4000-8002-000000000003', role: PartyRole.AwardWinner, organizationId: '6f0e2a4c-0000-4000-8000-000000000009', awardTitle: "L'Oréal Big Bang winner" },
      { id: '7a1b0c2d-0000-4000-8002-000000000004', role: PartyRole.AwardWinner, organizationId: '6f0e2a4c-0000-4000-8000-00000000000a', awardTitle: "L'Oréal Big Bang winner" },
    ],
  },
  {
    id: '7a1b0c2d-0000-4000-8000-000000000004',
    titleKo: '한-프랑스 코스메틱 협력 협약식',
    titleEn: 'Korea-France cosmetics cooperation MOU signing',
    kind: SessionKind.MouSigning,
    roomNameEn: 'Main stage',
    startsAt: '2023-11-09T14:00',
    endsAt: '2023-11-09T14:40',
    description: 'Cooperation between Korean cosmetics companies and French partners.',
    visibility: SessionVisibility.Public,
    capacity: null,
    speakers: [],
    parties: [
      { id: '7a1b0c2d-0000-4000-8002-000000000005', role: PartyRole.Signatory, organizationId: '6f0e2a4c-0000-4000-8000-000000000001' },
      { id: '7a1b0c2d-0000-4000-8002-000000000006', role: PartyRole.Signatory, name: 'French cosmetics cluster (demo)', country: 'FR' },
    ],
  },
  {
    id: '7a1b0c2d-0000-4000-8000-000000000005',
    titleKo: '한-일 첨단바이오 협력 협약식',
    titleEn: 'Korea-Japan advanced bio cooperation MOU signing',
    kind: SessionKind.MouSigning,
    roomNameEn: 'Main stage',
    startsAt: '2023-11-09T16:00',
    endsAt: '2023-11-09T16:40',
    description: 'Cooperation between Korean and Japanese bio clusters.',
    visibility: SessionVisibility.Public,
    capacity: null,
    speakers: [],
    parties: [
      { id: '7a1b0c2d-0000-4000-8002-000000000007', role: PartyRole.Signatory, organizationId: '6f0e2a4c-0000-4000-8000-000000000001' },
      { id: '7a1b0c2d-0000-4000-8002-000000000008', role: PartyRole.Signatory, name: 'Japanese bio cluster (demo)', country: 'JP' },
    ],
  },
  {
    id: '7a1b0c2d-0000-4000-8000-000000000006',
    titleKo: '투자자-스타트업 네트워킹',
    titleEn: 'Investor and startup networking',
    kind: SessionKind.Networking,
    roomNameEn: 'Business lounge',
    startsAt: '2023-11-09T15:00',
    endsAt: '2023-11-09T17:00',
    description: 'For exhibitors, startups and investors of the event.',
    visibility: SessionVisibility.Members,
    capacity: 60,
    speakers: [{ id: '7a1b0c2d-0000-4000-8001-000000000005', email: 'partner@hanriver.demo' }],
    parties: [],
  },
];
