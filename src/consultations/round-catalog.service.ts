import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { In, Repository } from 'typeorm';
import { preparedRows } from '../common/database-queries';
import { entityFromJson, entityJsonObject } from '../common/entity-rows';
import { ParticipantSide } from './consultation.enums';
import { ConsultationRound } from './consultation-round.entity';
import { ProgrammeParticipant } from './programme-participant.entity';
import { RoundLocation } from './round-location.entity';
import { RoundWindow } from './round-window.entity';
import { buildSlotGrid, Slot } from './scheduling/slot-grid';

export interface RoundDetails {
  round: ConsultationRound;
  windows: RoundWindow[];
  locations: RoundLocation[];
  /** Every slot of the round, in time order. */
  grid: Slot[];
  /** The programme's participants among the people `findRound` was asked about (none unless asked). */
  participants: ProgrammeParticipant[];
}

/** The columns `RoundCatalog.roundSelect` gives. */
export interface RoundColumns {
  roundRow: Record<string, unknown> | null;
  windowRows: Record<string, unknown>[];
  locationRows: Record<string, unknown>[];
  participantRows: Record<string, unknown>[];
}

/**
 * Reads rounds with what booking needs (windows, locations, the slot grid) and programme participants: the one
 * place the rest of the module loads them from.
 */
@Injectable()
export class RoundCatalog {
  /** The round with its windows, locations and the participants asked about: built once, from the entities' columns. */
  private readonly roundSql: string;
  private readonly roundJson: string;
  private readonly windowsJson: string;
  private readonly locationsJson: string;
  private readonly participantsJson: string;

  constructor(
    @InjectRepository(ConsultationRound) private readonly rounds: Repository<ConsultationRound>,
    @InjectRepository(RoundWindow) private readonly windows: Repository<RoundWindow>,
    @InjectRepository(RoundLocation) private readonly locations: Repository<RoundLocation>,
    @InjectRepository(ProgrammeParticipant) private readonly participants: Repository<ProgrammeParticipant>,
  ) {
    this.roundJson = entityJsonObject(this.rounds, 'round');
    this.windowsJson = entityJsonObject(this.windows, 'window_row');
    this.locationsJson = entityJsonObject(this.locations, 'location');
    this.participantsJson = entityJsonObject(this.participants, 'participant');
    this.roundSql = `SELECT ${this.roundSelect('$3')} FROM consultation_rounds round WHERE round.id = $1 AND round.event_id = $2`;
  }

  /**
   * The SELECT items that bring a round (alias `round`; null when the join found none), its windows, its locations
   * and the programme's participants among the uuid[] placeholder `participantsParameter`, for `detailsFromRow`.
   * Other statements of this module embed them to read the round in their own round trip.
   */
  roundSelect(participantsParameter: string): string {
    return `CASE WHEN round.id IS NULL THEN NULL ELSE ${this.roundJson} END AS "roundRow",
         COALESCE((SELECT json_agg(${this.windowsJson} ORDER BY window_row.date, window_row.starts_at_time)
                     FROM round_windows window_row WHERE window_row.round_id = round.id), '[]') AS "windowRows",
         COALESCE((SELECT json_agg(${this.locationsJson} ORDER BY location.name)
                     FROM round_locations location WHERE location.round_id = round.id), '[]') AS "locationRows",
         COALESCE((SELECT json_agg(${this.participantsJson})
                     FROM programme_participants participant
                    WHERE participant.programme_id = round.programme_id AND participant.user_id = ANY(${participantsParameter}::uuid[])), '[]') AS "participantRows"`;
  }

  /** The round `roundSelect` read, with its slot grid; null when there was none. */
  detailsFromRow(row: RoundColumns): RoundDetails | null {
    if (!row.roundRow) return null;
    const round = entityFromJson(this.rounds, row.roundRow);
    const windows = row.windowRows.map((window) => entityFromJson(this.windows, window));
    const locations = row.locationRows.map((location) => entityFromJson(this.locations, location));
    const participants = row.participantRows.map((participant) => entityFromJson(this.participants, participant));
    return { round, windows, locations, grid: buildSlotGrid({ ...round, windows }), participants };
  }

  /** The round if it belongs to the event, else null (callers answer 404). */
  async findRound(eventId: string, roundId: string, participantIds: string[] = []): Promise<RoundDetails | null> {
    if (!isUUID(roundId)) return null;
    // Booking starts here, so the round, its windows, its locations and the people asked about come in one statement.
    const [row] = await preparedRows<RoundColumns>(this.rounds.manager, this.roundSql, [roundId, eventId, participantIds.filter((id) => isUUID(id))]);
    return row ? this.detailsFromRow(row) : null;
  }

  async participant(programmeId: string, userId: string): Promise<ProgrammeParticipant | null> {
    return this.participants.findOne({ where: { programmeId, userId } });
  }

  /** The programme's participants among `userIds` (people outside the programme are simply missing). */
  async participantsAmong(programmeId: string, userIds: string[]): Promise<ProgrammeParticipant[]> {
    return this.participants.find({ where: { programmeId, userId: In(userIds) } });
  }

  /** The guest who meets for a company in the programme (the earliest added, if several do), else null. */
  async guestOfOrganization(programmeId: string, organizationId: string): Promise<ProgrammeParticipant | null> {
    return this.participants.findOne({
      where: { programmeId, organizationId, side: ParticipantSide.Guest },
      order: { createdAt: 'ASC', userId: 'ASC' },
    });
  }
}
