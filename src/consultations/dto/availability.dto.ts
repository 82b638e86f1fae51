import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsTimeZone, Matches } from 'class-validator';
import { toZonedIso } from '../../common/time/zoned-time';
import { Slot } from '../scheduling/slot-grid';
import { INSTANT_WITH_OFFSET } from './round.dto';

export class SlotsQuery {
  @ApiPropertyOptional({
    example: 'Asia/Seoul',
    description: 'Zone to show the slots in as well; default: the zone you are in at each slot’s start (travel time zones over your profile zone)',
  })
  @IsOptional()
  @IsString()
  @IsTimeZone()
  timeZone?: string;
}

/** State of a host's slot as anyone allowed to book may see it: never who the host meets. */
export enum SlotState {
  Open = 'open',
  /** The host closed the slot, or is busy in the agenda at that time. */
  Unavailable = 'unavailable',
  /** The host has a meeting (not cancelled) at that time. */
  Taken = 'taken',
}

/** The viewer's clock: one zone asked for, or the zone the viewer is in at each moment (a person's ZoneSchedule). */
export interface ViewerClock {
  zoneAt(instant: Date): string;
}

/** The clock of one zone, whatever the moment. */
export function fixedClock(zone: string): ViewerClock {
  return { zoneAt: () => zone };
}

/** A slot as instants, on the round's wall clock and on the viewer's. */
export class SlotResponse {
  @ApiProperty({ example: '2023-04-28T13:00:00.000Z' }) startsAt!: Date;
  @ApiProperty({ example: '2023-04-28T13:30:00.000Z' }) endsAt!: Date;
  @ApiProperty({ example: '2023-04-28T09:00:00-04:00', description: "On the round's wall clock" }) startsAtLocal!: string;
  @ApiProperty({ example: '2023-04-28T09:30:00-04:00', description: "On the round's wall clock" }) endsAtLocal!: string;
  @ApiProperty({ example: 'Asia/Seoul', description: "The viewer's zone at the slot's start: the zone asked for, else the one they are in then" })
  viewerTimeZone!: string;
  @ApiProperty({ example: '2023-04-28T22:00:00+09:00', description: "On the viewer's wall clock (the slot's viewerTimeZone)" }) startsAtViewer!: string;
  @ApiProperty({ example: '2023-04-28T22:30:00+09:00', description: "On the viewer's wall clock (the slot's viewerTimeZone)" }) endsAtViewer!: string;

  static from(slot: Slot, roundZone: string, viewer: ViewerClock): SlotResponse {
    const viewerZone = viewer.zoneAt(slot.startsAt);
    return {
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      startsAtLocal: toZonedIso(slot.startsAt, roundZone),
      endsAtLocal: toZonedIso(slot.endsAt, roundZone),
      viewerTimeZone: viewerZone,
      startsAtViewer: toZonedIso(slot.startsAt, viewerZone),
      endsAtViewer: toZonedIso(slot.endsAt, viewerZone),
    };
  }
}

const VIEWER_ZONE =
  "The zone asked for, else the zone you are in at the round's first slot (each slot's viewerTimeZone says where you are then, " +
  'as travel time zones change it)';

export class RoundSlotsResponse {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ example: 'America/New_York', description: "The round's zone" }) timeZone!: string;
  @ApiProperty({ example: 'Asia/Seoul', description: VIEWER_ZONE }) viewerTimeZone!: string;
  @ApiProperty({ example: 30 }) slotMinutes!: number;
  @ApiProperty({ type: [SlotResponse], description: 'Every slot of the round, in time order' }) slots!: SlotResponse[];

  static from(roundId: string, roundZone: string, viewerZone: string, viewer: ViewerClock, slotMinutes: number, grid: Slot[]): RoundSlotsResponse {
    return {
      roundId,
      timeZone: roundZone,
      viewerTimeZone: viewerZone,
      slotMinutes,
      slots: grid.map((slot) => SlotResponse.from(slot, roundZone, viewer)),
    };
  }
}

/** A slot of the grid with what blocks it for a host, and for the guest asking (if any). */
export interface SlotStatus extends Slot {
  state: SlotState;
  /** Whether the guest passed in is free then (own meetings, agenda, closed slots); null without a guest. */
  guestFree: boolean | null;
}

export class HostSlotResponse extends SlotResponse {
  @ApiProperty({ enum: SlotState, enumName: 'SlotState' }) state!: SlotState;
  @ApiProperty({ nullable: true, description: 'For guests of the programme: whether you are free then; null for others' })
  youAreFree!: boolean | null;

  static fromStatus(status: SlotStatus, roundZone: string, viewer: ViewerClock): HostSlotResponse {
    return { ...SlotResponse.from(status, roundZone, viewer), state: status.state, youAreFree: status.guestFree };
  }
}

export class HostSlotsResponse {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ format: 'uuid' }) hostUserId!: string;
  @ApiProperty({ example: 'America/New_York', description: "The round's zone" }) timeZone!: string;
  @ApiProperty({ example: 'Asia/Seoul', description: VIEWER_ZONE }) viewerTimeZone!: string;
  @ApiProperty({ type: [HostSlotResponse] }) slots!: HostSlotResponse[];

  static from(roundId: string, hostUserId: string, roundZone: string, viewerZone: string, viewer: ViewerClock, statuses: SlotStatus[]): HostSlotsResponse {
    return {
      roundId,
      hostUserId,
      timeZone: roundZone,
      viewerTimeZone: viewerZone,
      slots: statuses.map((status) => HostSlotResponse.fromStatus(status, roundZone, viewer)),
    };
  }
}

export class SetAvailabilityDto {
  @ApiProperty({
    type: [String],
    example: ['2023-04-28T09:00:00-04:00'],
    description: 'Start instants (with an offset) of the grid slots you cannot take; replaces your list. Every other slot is open.',
  })
  @IsArray()
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  @Matches(INSTANT_WITH_OFFSET, { each: true, message: 'each of unavailable must be a slot start with an offset, e.g. 2023-04-28T09:00:00-04:00' })
  unavailable!: string[];
}

export class AvailabilityResponse {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ example: 'America/New_York', description: "The round's zone" }) timeZone!: string;
  @ApiProperty({ example: 'Asia/Seoul', description: VIEWER_ZONE }) viewerTimeZone!: string;
  @ApiProperty({ type: [SlotResponse], description: 'The slots you closed, in time order' }) unavailable!: SlotResponse[];
  @ApiProperty({ description: 'Slots of the round you left open' }) openCount!: number;

  static from(roundId: string, userId: string, roundZone: string, viewerZone: string, viewer: ViewerClock, closed: Slot[], slotCount: number): AvailabilityResponse {
    return {
      roundId,
      userId,
      timeZone: roundZone,
      viewerTimeZone: viewerZone,
      unavailable: closed.map((slot) => SlotResponse.from(slot, roundZone, viewer)),
      openCount: slotCount - closed.length,
    };
  }
}
