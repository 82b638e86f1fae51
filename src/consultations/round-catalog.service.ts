import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { Repository } from 'typeorm';
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
}

/**
 * Reads rounds with what booking needs (windows, locations, the slot grid) and programme participants: the one
 * place the rest of the module loads them from.
 */
@Injectable()
export class RoundCatalog {
  constructor(
    @InjectRepository(ConsultationRound) private readonly rounds: Repository<ConsultationRound>,
    @InjectRepository(RoundWindow) private readonly windows: Repository<RoundWindow>,
    @InjectRepository(RoundLocation) private readonly locations: Repository<RoundLocation>,
    @InjectRepository(ProgrammeParticipant) private readonly participants: Repository<ProgrammeParticipant>,
  ) {}

  /** The round if it belongs to the event, else null (callers answer 404). */
  async findRound(eventId: string, roundId: string): Promise<RoundDetails | null> {
    if (!isUUID(roundId)) return null;
    const round = await this.rounds.findOne({ where: { id: roundId, eventId } });
    if (!round) return null;
    const [windows, locations] = await Promise.all([
      this.windows.find({ where: { roundId }, order: { date: 'ASC', startsAtTime: 'ASC' } }),
      this.locations.find({ where: { roundId }, order: { name: 'ASC' } }),
    ]);
    return { round, windows, locations, grid: buildSlotGrid({ ...round, windows }) };
  }

  async participant(programmeId: string, userId: string): Promise<ProgrammeParticipant | null> {
    return this.participants.findOne({ where: { programmeId, userId } });
  }

  /** The guest who meets for a company in the programme (the earliest added, if several do), else null. */
  async guestOfOrganization(programmeId: string, organizationId: string): Promise<ProgrammeParticipant | null> {
    return this.participants.findOne({
      where: { programmeId, organizationId, side: ParticipantSide.Guest },
      order: { createdAt: 'ASC', userId: 'ASC' },
    });
  }
}
