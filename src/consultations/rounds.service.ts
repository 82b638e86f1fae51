import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { isURL } from 'class-validator';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { isConstraintViolation } from '../common/database-queries';
import { DomainError, FieldError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { parseZonedTime } from '../common/time/zoned-time';
import { ConfirmationRule, Eligibility, ParticipantSide, RequestInitiator, RoundMode, VideoLinkRule } from './consultation.enums';
import { ConsultationRound } from './consultation-round.entity';
import {
  CreateRoundDto,
  ReorderRoundsDto,
  RoundLocationInput,
  RoundResponse,
  RoundWindowInput,
  SetVideoLinkDto,
  UpdateRoundDto,
  VideoLinkResponse,
} from './dto/round.dto';
import { recountHostMeetings } from './meeting-placement.service';
import { ProgrammeParticipant } from './programme-participant.entity';
import { lockProgramme, ProgrammesService } from './programmes.service';
import { RoundCatalog } from './round-catalog.service';
import { locationKeySql, RoundLocation } from './round-location.entity';
import { RoundWindow } from './round-window.entity';
import { buildSlotGrid, Slot } from './scheduling/slot-grid';

/** A grid larger than this is almost surely a typo (a year of five-minute slots) and would be slow to show. */
const MAX_SLOTS = 2000;
const MEETING_ID_PLACEHOLDER = '{meetingId}';

/** A round as it will be written: the request merged over what is stored. */
interface RoundState {
  name: string;
  mode: RoundMode;
  timeZone: string;
  windows: RoundWindowInput[];
  slotMinutes: number;
  gapMinutes: number;
  locations: RoundLocationInput[];
  videoLinkRule: VideoLinkRule | null;
  videoLinkTemplate: string | null;
  bookingOpensAt: Date;
  bookingClosesAt: Date;
  initiator: RequestInitiator;
  confirmation: ConfirmationRule;
  maxRequestsPerGuest: number | null;
  maxMeetingsPerHost: number | null;
  maxMeetingsPerPair: number;
  eligibility: Eligibility;
}

/**
 * The ordered rounds of a programme: their zone, days and daily windows, slot length, places or video links, booking
 * window and rules. Windows and locations are replaced as whole lists, in the same transaction as the round.
 */
@Injectable()
export class RoundsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ConsultationRound) private readonly rounds: Repository<ConsultationRound>,
    @InjectRepository(RoundWindow) private readonly windows: Repository<RoundWindow>,
    @InjectRepository(RoundLocation) private readonly locations: Repository<RoundLocation>,
    @InjectRepository(ProgrammeParticipant) private readonly participants: Repository<ProgrammeParticipant>,
    private readonly programmesService: ProgrammesService,
    private readonly catalog: RoundCatalog,
  ) {}

  /** Organizers: the round goes after the programme's last one. */
  async create(user: AuthenticatedUser, eventId: string, programmeId: string, dto: CreateRoundDto): Promise<RoundResponse> {
    await this.programmesService.organizedProgramme(user, eventId, programmeId);
    const roundId = await mapRoundWriteErrors(() =>
      this.dataSource.transaction(async (manager) => {
        if (!(await lockProgramme(manager, eventId, programmeId))) throw new NotFoundError('Programme');
        const siblings = await manager.getRepository(ConsultationRound).find({ where: { programmeId }, order: { position: 'ASC' } });
        const position = (siblings.at(-1)?.position ?? 0) + 1;
        const state = stateFromCreate(dto);
        const fields = checkRound(state);
        const eligibilitySourceRoundId = resolveEligibilitySource(state.eligibility, dto.eligibilitySourceRoundId, null, position, siblings, fields);
        fields.push(...(await checkLocationHosts(manager, programmeId, state.locations)));
        const keys = await locationKeys(manager, state.locations, fields);
        if (fields.length > 0) throw new ValidationError(fields);
        const { windows, locations, ...columns } = state;
        const round = await manager
          .getRepository(ConsultationRound)
          .save(manager.getRepository(ConsultationRound).create({ ...columns, programmeId, eventId, position, eligibilitySourceRoundId }));
        await writeWindows(manager, round.id, windows);
        await writeLocations(manager, round.id, locations, keys, []);
        return round.id;
      }),
    );
    return this.present(eventId, roundId);
  }

  /** Organizers and participants of the programme, in programme order. */
  async list(user: AuthenticatedUser, eventId: string, programmeId: string): Promise<RoundResponse[]> {
    await this.programmesService.readableProgramme(user, eventId, programmeId);
    const rounds = await this.rounds.find({ where: { programmeId }, order: { position: 'ASC' } });
    if (rounds.length === 0) return [];
    const roundIds = rounds.map((round) => round.id);
    const [windows, locations] = await Promise.all([
      this.windows.find({ where: { roundId: In(roundIds) }, order: { date: 'ASC', startsAtTime: 'ASC' } }),
      this.locations.find({ where: { roundId: In(roundIds) }, order: { name: 'ASC' } }),
    ]);
    return rounds.map((round) => {
      const own = windows.filter((window) => window.roundId === round.id);
      return RoundResponse.from(
        round,
        own,
        locations.filter((location) => location.roundId === round.id),
        buildSlotGrid({ ...round, windows: own }),
      );
    });
  }

  async get(user: AuthenticatedUser, eventId: string, roundId: string): Promise<RoundResponse> {
    const { details } = await this.programmesService.readableRound(user, eventId, roundId);
    return RoundResponse.from(details.round, details.windows, details.locations, details.grid);
  }

  /**
   * Organizers. A change to the slot grid that would leave meetings (not cancelled) off it is refused (409); slots
   * people closed that are no longer on the grid are forgotten.
   */
  async update(user: AuthenticatedUser, eventId: string, roundId: string, dto: UpdateRoundDto): Promise<RoundResponse> {
    const { details } = await this.programmesService.organizedRound(user, eventId, roundId);
    const programmeId = details.round.programmeId;
    await mapRoundWriteErrors(() =>
      this.dataSource.transaction(async (manager) => {
        if (!(await lockProgramme(manager, eventId, programmeId))) throw new NotFoundError('Round');
        // FOR UPDATE waits for bookings in flight (their insert holds the round FOR KEY SHARE), so the grid check below
        // sees their meetings; bookings that come after wait for this change and find the revision moved on.
        const current = await manager
          .getRepository(ConsultationRound)
          .findOne({ where: { id: roundId, eventId }, lock: { mode: 'pessimistic_write' } });
        if (!current) throw new NotFoundError('Round');
        // One query at a time: a transaction runs on one connection.
        const currentWindows = await manager.getRepository(RoundWindow).find({ where: { roundId }, order: { date: 'ASC', startsAtTime: 'ASC' } });
        const currentLocations = await manager.getRepository(RoundLocation).find({ where: { roundId }, order: { name: 'ASC' } });
        const siblings = await manager.getRepository(ConsultationRound).find({ where: { programmeId }, order: { position: 'ASC' } });
        const state = mergeState(current, currentWindows, currentLocations, dto);
        const fields = checkRound(state);
        if (dto.mode === RoundMode.Online && dto.locations === undefined && currentLocations.length > 0) {
          fields.push({ field: 'locations', messages: ['an online round has no locations: send locations: [] with the change of mode'] });
        }
        const eligibilitySourceRoundId = resolveEligibilitySource(
          state.eligibility,
          dto.eligibilitySourceRoundId,
          current.eligibilitySourceRoundId,
          current.position,
          siblings.filter((round) => round.id !== roundId),
          fields,
        );
        if (dto.locations !== undefined) fields.push(...(await checkLocationHosts(manager, programmeId, state.locations)));
        const keys = dto.locations !== undefined ? await locationKeys(manager, state.locations, fields) : [];
        if (fields.length > 0) throw new ValidationError(fields);

        const grid = gridOf(state);
        if (!sameGrid(grid, buildSlotGrid({ ...current, windows: currentWindows }))) await keepMeetingsOnGrid(manager, roundId, grid);
        const { windows, locations, ...columns } = state;
        // A new revision: bookings checked against the round as it was now insert nothing (see insertMeeting).
        await manager.getRepository(ConsultationRound).update({ id: roundId }, { ...columns, eligibilitySourceRoundId, revision: () => 'revision + 1' });
        if (dto.windows !== undefined) await writeWindows(manager, roundId, windows);
        if (dto.locations !== undefined) await writeLocations(manager, roundId, locations, keys, currentLocations);
        // Uncapped, bookings kept no count of each host's meetings (see MeetingPlacementService.commit).
        if (current.maxMeetingsPerHost === null && columns.maxMeetingsPerHost !== null) await recountHostMeetings(manager, roundId);
      }),
    );
    return this.present(eventId, roundId);
  }

  /** Organizers. Only a round without meetings, and that no later round takes its eligibility from; the rest move up. */
  async remove(user: AuthenticatedUser, eventId: string, roundId: string): Promise<void> {
    const { details } = await this.programmesService.organizedRound(user, eventId, roundId);
    const programmeId = details.round.programmeId;
    await mapRoundWriteErrors(() =>
      this.dataSource.transaction(async (manager) => {
        if (!(await lockProgramme(manager, eventId, programmeId))) throw new NotFoundError('Round');
        const [round]: Array<{ position: number }> = await manager.query(
          'SELECT position FROM consultation_rounds WHERE id = $1 AND event_id = $2 FOR UPDATE',
          [roundId, eventId],
        );
        if (!round) throw new NotFoundError('Round');
        const [{ meetings }]: Array<{ meetings: boolean }> = await manager.query(
          'SELECT EXISTS (SELECT 1 FROM meetings WHERE round_id = $1) AS meetings',
          [roundId],
        );
        if (meetings) throw new DomainError(ErrorCode.RoundHasMeetings, 'Meetings were booked in this round; it cannot be deleted');
        const dependants: Array<{ name: string }> = await manager.query(
          'SELECT name FROM consultation_rounds WHERE eligibility_source_round_id = $1 ORDER BY position',
          [roundId],
        );
        if (dependants.length > 0) {
          throw new DomainError(
            ErrorCode.RoundIsEligibilitySource,
            `${dependants.map((dependant) => `"${dependant.name}"`).join(', ')} take eligibility from this round; change that first`,
          );
        }
        await manager.query('DELETE FROM consultation_rounds WHERE id = $1', [roundId]);
        await closeGap(manager, programmeId, round.position);
      }),
    );
  }

  /** Organizers: every round of the programme, once each; a round must still come after the round its eligibility reads. */
  async reorder(user: AuthenticatedUser, eventId: string, programmeId: string, dto: ReorderRoundsDto): Promise<RoundResponse[]> {
    await this.programmesService.organizedProgramme(user, eventId, programmeId);
    await this.dataSource.transaction(async (manager) => {
      if (!(await lockProgramme(manager, eventId, programmeId))) throw new NotFoundError('Programme');
      const rounds = await manager.getRepository(ConsultationRound).find({ where: { programmeId } });
      const known = new Set(rounds.map((round) => round.id));
      const listed = new Set(dto.roundIds);
      if (listed.size !== dto.roundIds.length || listed.size !== known.size || dto.roundIds.some((id) => !known.has(id))) {
        throw new ValidationError([{ field: 'roundIds', messages: ['roundIds must list every round of the programme, each once'] }]);
      }
      const newPosition = new Map(dto.roundIds.map((id, index) => [id, index + 1]));
      const names = new Map(rounds.map((round) => [round.id, round.name]));
      const misplaced = rounds.filter(
        (round) => round.eligibilitySourceRoundId !== null && newPosition.get(round.eligibilitySourceRoundId)! >= newPosition.get(round.id)!,
      );
      if (misplaced.length > 0) {
        throw new ValidationError(
          misplaced.map((round) => ({
            field: `roundIds.${newPosition.get(round.id)! - 1}`,
            messages: [`"${round.name}" must come after "${names.get(round.eligibilitySourceRoundId!)}", which its eligibility looks at`],
          })),
        );
      }
      // Out of the way first (the position is unique per programme), then into place.
      await manager.query('UPDATE consultation_rounds SET position = -position WHERE programme_id = $1', [programmeId]);
      await manager.query(
        `UPDATE consultation_rounds r SET position = o.position::int
         FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, position)
         WHERE r.id = o.id AND r.programme_id = $1`,
        [programmeId, dto.roundIds],
      );
    });
    return this.list(user, eventId, programmeId);
  }

  /**
   * Hosts of the programme, for online rounds whose links hosts enter. The link is the host's for the programme
   * (programme_participants.video_link), so it serves every such round of it.
   */
  async setMyVideoLink(user: AuthenticatedUser, eventId: string, roundId: string, dto: SetVideoLinkDto): Promise<VideoLinkResponse> {
    const { details, participant } = await this.programmesService.participantRound(user, eventId, roundId);
    if (participant.side !== ParticipantSide.Host) throw new DomainError(ErrorCode.Forbidden, 'Only hosts enter a video link');
    if (details.round.mode !== RoundMode.Online || details.round.videoLinkRule !== VideoLinkRule.HostEntered) {
      throw new DomainError(ErrorCode.VideoLinkNotHostEntered, 'This round does not take video links from hosts');
    }
    await this.participants.update({ programmeId: participant.programmeId, userId: user.id }, { videoLink: dto.videoLink });
    return VideoLinkResponse.from(roundId, dto.videoLink);
  }

  private async present(eventId: string, roundId: string): Promise<RoundResponse> {
    const details = await this.catalog.findRound(eventId, roundId);
    if (!details) throw new NotFoundError('Round');
    return RoundResponse.from(details.round, details.windows, details.locations, details.grid);
  }
}

function stateFromCreate(dto: CreateRoundDto): RoundState {
  return {
    name: dto.name,
    mode: dto.mode,
    timeZone: dto.timeZone,
    windows: dto.windows,
    slotMinutes: dto.slotMinutes,
    gapMinutes: dto.gapMinutes ?? 0,
    locations: dto.locations ?? [],
    videoLinkRule: dto.videoLinkRule ?? null,
    videoLinkTemplate: dto.videoLinkTemplate ?? null,
    bookingOpensAt: instant(dto.bookingOpensAt),
    bookingClosesAt: instant(dto.bookingClosesAt),
    initiator: dto.initiator ?? RequestInitiator.Guest,
    confirmation: dto.confirmation ?? ConfirmationRule.HostAccepts,
    maxRequestsPerGuest: dto.maxRequestsPerGuest ?? null,
    maxMeetingsPerHost: dto.maxMeetingsPerHost ?? null,
    maxMeetingsPerPair: dto.maxMeetingsPerPair ?? 1,
    eligibility: dto.eligibility ?? Eligibility.Open,
  };
}

/**
 * The request over the stored round. Moving a round on site drops its video rule unless one is sent (and is then
 * refused); choosing a rule other than the template drops the template unless one is sent.
 */
function mergeState(current: ConsultationRound, windows: RoundWindow[], locations: RoundLocation[], dto: UpdateRoundDto): RoundState {
  const mode = dto.mode ?? current.mode;
  let videoLinkRule = dto.videoLinkRule === undefined ? current.videoLinkRule : dto.videoLinkRule;
  let videoLinkTemplate = dto.videoLinkTemplate === undefined ? current.videoLinkTemplate : dto.videoLinkTemplate;
  if (mode === RoundMode.OnSite && dto.mode !== undefined && dto.videoLinkRule === undefined) videoLinkRule = null;
  if (videoLinkRule !== VideoLinkRule.Template && dto.videoLinkTemplate === undefined) videoLinkTemplate = null;
  return {
    name: dto.name ?? current.name,
    mode,
    timeZone: dto.timeZone ?? current.timeZone,
    windows:
      dto.windows ??
      windows.map((window) => ({ date: window.date, startsAt: window.startsAtTime.slice(0, 5), endsAt: window.endsAtTime.slice(0, 5) })),
    slotMinutes: dto.slotMinutes ?? current.slotMinutes,
    gapMinutes: dto.gapMinutes ?? current.gapMinutes,
    locations:
      dto.locations ?? locations.map((location) => ({ name: location.name, kind: location.kind, hostUserId: location.hostUserId })),
    videoLinkRule,
    videoLinkTemplate,
    bookingOpensAt: dto.bookingOpensAt !== undefined ? instant(dto.bookingOpensAt) : current.bookingOpensAt,
    bookingClosesAt: dto.bookingClosesAt !== undefined ? instant(dto.bookingClosesAt) : current.bookingClosesAt,
    initiator: dto.initiator ?? current.initiator,
    confirmation: dto.confirmation ?? current.confirmation,
    maxRequestsPerGuest: dto.maxRequestsPerGuest === undefined ? current.maxRequestsPerGuest : dto.maxRequestsPerGuest,
    maxMeetingsPerHost: dto.maxMeetingsPerHost === undefined ? current.maxMeetingsPerHost : dto.maxMeetingsPerHost,
    maxMeetingsPerPair: dto.maxMeetingsPerPair ?? current.maxMeetingsPerPair,
    eligibility: dto.eligibility ?? current.eligibility,
  };
}

/** An ISO 8601 instant with an offset (the DTO has checked its shape). */
function instant(value: string): Date {
  const parsed = parseZonedTime(value, 'UTC');
  return parsed.ok ? parsed.instant : new Date(Number.NaN);
}

/** Everything about a round that needs no database: windows, slot grid, places, video links, booking window. */
function checkRound(state: RoundState): FieldError[] {
  const fields: FieldError[] = [];
  checkWindows(state, fields);
  if (state.mode === RoundMode.Online && state.locations.length > 0) {
    fields.push({ field: 'locations', messages: ['only on-site rounds have locations; an online round meets by video'] });
  }
  checkVideoLinks(state, fields);
  if (Number.isNaN(state.bookingOpensAt.getTime())) fields.push({ field: 'bookingOpensAt', messages: ['bookingOpensAt is not a valid instant'] });
  if (Number.isNaN(state.bookingClosesAt.getTime())) fields.push({ field: 'bookingClosesAt', messages: ['bookingClosesAt is not a valid instant'] });
  if (state.bookingClosesAt <= state.bookingOpensAt) {
    fields.push({ field: 'bookingClosesAt', messages: ['bookingClosesAt must be after bookingOpensAt'] });
  }
  return fields;
}

/**
 * Each window's start and end must exist on the round's wall clock (not skipped by a DST change), end after start,
 * hold at least one slot, and not overlap another window of the same day.
 */
function checkWindows(state: RoundState, fields: FieldError[]): void {
  const before = fields.length;
  state.windows.forEach((window, index) => {
    const start = parseZonedTime(`${window.date}T${window.startsAt}`, state.timeZone);
    const end = parseZonedTime(`${window.date}T${window.endsAt}`, state.timeZone);
    if (!start.ok) fields.push({ field: `windows.${index}.startsAt`, messages: [`${window.date} ${window.startsAt} ${start.reason}`] });
    if (!end.ok) fields.push({ field: `windows.${index}.endsAt`, messages: [`${window.date} ${window.endsAt} ${end.reason}`] });
    if (window.endsAt <= window.startsAt) {
      fields.push({ field: `windows.${index}.endsAt`, messages: ['endsAt must be after startsAt'] });
    } else if (start.ok && end.ok && end.instant.getTime() - start.instant.getTime() < state.slotMinutes * 60_000) {
      fields.push({ field: `windows.${index}`, messages: [`the window is shorter than one slot (${state.slotMinutes} minutes)`] });
    }
  });
  const ordered = state.windows
    .map((window, index) => ({ window, index }))
    .sort((first, second) => (first.window.date + first.window.startsAt).localeCompare(second.window.date + second.window.startsAt));
  const latestEnd = new Map<string, string>();
  for (const { window, index } of ordered) {
    const end = latestEnd.get(window.date);
    if (end !== undefined && window.startsAt < end) {
      fields.push({ field: `windows.${index}`, messages: [`the window overlaps another window on ${window.date}`] });
    }
    if (end === undefined || window.endsAt > end) latestEnd.set(window.date, window.endsAt);
  }
  if (fields.length === before) {
    const slots = gridOf(state).length;
    if (slots > MAX_SLOTS) fields.push({ field: 'windows', messages: [`the windows make ${slots} slots; a round has at most ${MAX_SLOTS}`] });
  }
}

function checkVideoLinks(state: RoundState, fields: FieldError[]): void {
  if (state.mode === RoundMode.Online && state.videoLinkRule === null) {
    fields.push({ field: 'videoLinkRule', messages: ['an online round needs a video link rule: template or host_entered'] });
  }
  if (state.mode === RoundMode.OnSite && state.videoLinkRule !== null) {
    fields.push({ field: 'videoLinkRule', messages: ['only online rounds have video links'] });
  }
  const template = state.videoLinkTemplate;
  if (state.videoLinkRule === VideoLinkRule.Template) {
    if (template === null) {
      fields.push({ field: 'videoLinkTemplate', messages: ['videoLinkTemplate is required with the template rule'] });
    } else if (!template.includes(MEETING_ID_PLACEHOLDER)) {
      fields.push({ field: 'videoLinkTemplate', messages: [`videoLinkTemplate must contain the placeholder ${MEETING_ID_PLACEHOLDER}`] });
    } else if (!isURL(template.replaceAll(MEETING_ID_PLACEHOLDER, '0b6c5bd2-5d6e-4c59-8d1c-3f8b2b8c1a11'), { protocols: ['https', 'http'], require_protocol: true })) {
      fields.push({ field: 'videoLinkTemplate', messages: ['videoLinkTemplate must be an http(s) URL'] });
    }
  } else if (template !== null) {
    fields.push({ field: 'videoLinkTemplate', messages: ['videoLinkTemplate is only for the template rule'] });
  }
}

/**
 * The round a non-open eligibility reads: the one asked for (an earlier round of the programme), else the one kept
 * from before (if still earlier), else the round just before. Null for open rounds.
 */
function resolveEligibilitySource(
  eligibility: Eligibility,
  requested: string | null | undefined,
  current: string | null,
  position: number,
  otherRounds: ConsultationRound[],
  fields: FieldError[],
): string | null {
  if (eligibility === Eligibility.Open) {
    if (requested) {
      fields.push({ field: 'eligibilitySourceRoundId', messages: ['a source round is only for eligibility met_in_source_round or follow_up_from_source_round'] });
    }
    return null;
  }
  const earlier = otherRounds.filter((round) => round.position < position).sort((first, second) => first.position - second.position);
  if (requested) {
    if (!earlier.some((round) => round.id === requested)) {
      fields.push({ field: 'eligibilitySourceRoundId', messages: ['eligibilitySourceRoundId must be an earlier round of the same programme'] });
    }
    return requested;
  }
  const kept = requested === undefined && current !== null && earlier.some((round) => round.id === current) ? current : null;
  const source = kept ?? earlier.at(-1)?.id ?? null;
  if (source === null) {
    fields.push({ field: 'eligibility', messages: [`${eligibility} needs an earlier round in the programme to look at`] });
  }
  return source;
}

async function checkLocationHosts(manager: EntityManager, programmeId: string, locations: RoundLocationInput[]): Promise<FieldError[]> {
  const hostIds = [...new Set(locations.flatMap((location) => (location.hostUserId ? [location.hostUserId] : [])))];
  if (hostIds.length === 0) return [];
  const hosts = await manager.getRepository(ProgrammeParticipant).find({
    where: { programmeId, userId: In(hostIds), side: ParticipantSide.Host },
    select: { userId: true },
  });
  const known = new Set(hosts.map((host) => host.userId));
  return locations.flatMap((location, index) =>
    location.hostUserId && !known.has(location.hostUserId)
      ? [{ field: `locations.${index}.hostUserId`, messages: ['hostUserId must be a host of the programme'] }]
      : [],
  );
}

function gridOf(state: RoundState): Slot[] {
  return buildSlotGrid({
    ...state,
    windows: state.windows.map((window) => ({ date: window.date, startsAtTime: window.startsAt, endsAtTime: window.endsAt })),
  });
}

function sameGrid(first: Slot[], second: Slot[]): boolean {
  return (
    first.length === second.length &&
    first.every(
      (slot, index) => slot.startsAt.getTime() === second[index].startsAt.getTime() && slot.endsAt.getTime() === second[index].endsAt.getTime(),
    )
  );
}

/** Refuses a new grid that meetings (not cancelled) would fall off; forgets closed slots that are no longer on it. */
async function keepMeetingsOnGrid(manager: EntityManager, roundId: string, grid: Slot[]): Promise<void> {
  const starts = grid.map((slot) => slot.startsAt.toISOString());
  const ends = grid.map((slot) => slot.endsAt.toISOString());
  const [{ count }]: Array<{ count: number }> = await manager.query(
    `SELECT count(*)::int AS count FROM meetings m
     WHERE m.round_id = $1 AND m.status <> 'cancelled'
       AND (m.starts_at, m.ends_at) NOT IN (SELECT s, e FROM unnest($2::timestamptz[], $3::timestamptz[]) AS g(s, e))`,
    [roundId, starts, ends],
  );
  if (count > 0) {
    throw new DomainError(ErrorCode.RoundHasMeetings, `${count} meeting(s) of this round would fall off the new slot grid; move or cancel them first`);
  }
  await manager.query('DELETE FROM unavailable_slots WHERE round_id = $1 AND NOT (starts_at = ANY($2::timestamptz[]))', [roundId, starts]);
}

async function writeWindows(manager: EntityManager, roundId: string, windows: RoundWindowInput[]): Promise<void> {
  await manager.query('DELETE FROM round_windows WHERE round_id = $1', [roundId]);
  if (windows.length === 0) return;
  await manager.query(
    `INSERT INTO round_windows (round_id, date, starts_at_time, ends_at_time)
     SELECT $1, d, s, e FROM unnest($2::date[], $3::time[], $4::time[]) AS w(d, s, e)`,
    [roundId, windows.map((window) => window.date), windows.map((window) => window.startsAt), windows.map((window) => window.endsAt)],
  );
}

/**
 * The keys of the locations' names, as PostgreSQL makes them (locationKeySql), in input order; two names with one key
 * (the same place written twice, e.g. "Table 1" and "table 1") are a field error on the second.
 */
async function locationKeys(manager: EntityManager, locations: RoundLocationInput[], fields: FieldError[]): Promise<string[]> {
  if (locations.length === 0) return [];
  const rows: Array<{ key: string }> = await manager.query(
    `SELECT ${locationKeySql('name')} AS key FROM unnest($1::text[]) WITH ORDINALITY AS input(name, position) ORDER BY position`,
    [locations.map((location) => location.name)],
  );
  const keys = rows.map((row) => row.key);
  const seen = new Set<string>();
  keys.forEach((key, index) => {
    if (seen.has(key)) {
      fields.push({ field: `locations.${index}.name`, messages: ['another location of the round has this name (names are compared ignoring case and spacing)'] });
    }
    seen.add(key);
  });
  return keys;
}

/**
 * Replaces the locations, matched by key: a kept place keeps its row (and the meetings placed there) and takes the name
 * as now written, a new one is added, a dropped one deleted (refused while meetings point at it).
 */
async function writeLocations(manager: EntityManager, roundId: string, inputs: RoundLocationInput[], keys: string[], current: RoundLocation[]): Promise<void> {
  const repository = manager.getRepository(RoundLocation);
  const byKey = new Map(current.map((location) => [location.key, location]));
  const kept = new Set(keys);
  const gone = current.filter((location) => !kept.has(location.key));
  if (gone.length > 0) await repository.delete({ id: In(gone.map((location) => location.id)) });
  for (const [index, input] of inputs.entries()) {
    const existing = byKey.get(keys[index]);
    const values = { name: input.name, kind: input.kind, hostUserId: input.hostUserId ?? null };
    if (existing) await repository.update({ id: existing.id }, values);
    else await repository.insert({ roundId, key: keys[index], ...values });
  }
}

/** Closes the gap a deleted round left, without tripping the unique (programme, position) index on the way. */
async function closeGap(manager: EntityManager, programmeId: string, deletedPosition: number): Promise<void> {
  await manager.query('UPDATE consultation_rounds SET position = -position WHERE programme_id = $1 AND position > $2', [programmeId, deletedPosition]);
  await manager.query('UPDATE consultation_rounds SET position = -position - 1 WHERE programme_id = $1 AND position < 0', [programmeId]);
}

/** Turns the database's refusals of a round write into answers naming the fields (for writes that slipped past the checks). */
async function mapRoundWriteErrors<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isConstraintViolation(error, 'consultation_rounds_slot_length')) throw invalid('slotMinutes', 'slotMinutes must be 5 to 480 and gapMinutes 0 to 240');
    if (isConstraintViolation(error, 'consultation_rounds_booking_window')) throw invalid('bookingClosesAt', 'bookingClosesAt must be after bookingOpensAt');
    if (isConstraintViolation(error, 'consultation_rounds_caps')) throw invalid('maxMeetingsPerPair', 'caps must be positive');
    if (isConstraintViolation(error, 'consultation_rounds_eligibility_source')) {
      throw invalid('eligibilitySourceRoundId', 'a source round goes with eligibility other than open, and only with it');
    }
    if (isConstraintViolation(error, 'consultation_rounds_eligibility_source_fk')) {
      throw invalid('eligibilitySourceRoundId', 'eligibilitySourceRoundId must be an earlier round of the same programme');
    }
    if (isConstraintViolation(error, 'consultation_rounds_video_template')) throw invalid('videoLinkTemplate', 'videoLinkTemplate is required with the template rule');
    if (isConstraintViolation(error, 'round_windows_ordered')) throw invalid('windows', 'each window must end after it starts');
    if (isConstraintViolation(error, 'round_locations_key_unique')) {
      throw invalid('locations', 'location names must be unique within the round (ignoring case and spacing)');
    }
    if (isConstraintViolation(error, 'round_locations_host_fk')) throw invalid('locations', 'hostUserId must be a host of the programme');
    if (isConstraintViolation(error, 'meetings_location_fk')) {
      throw new DomainError(ErrorCode.LocationInUse, 'Meetings take place at a location the change removes; move them first', [
        { field: 'locations', messages: ['a removed location still has meetings'] },
      ]);
    }
    if (isConstraintViolation(error, 'consultation_rounds_position_unique')) {
      throw new DomainError(ErrorCode.ConcurrentUpdate, 'Another change to the rounds got in the way; try again');
    }
    throw error;
  }
}

function invalid(field: string, message: string): ValidationError {
  return new ValidationError([{ field, messages: [message] }]);
}
