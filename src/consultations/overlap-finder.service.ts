import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationError } from '../common/errors/domain-error';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { toZonedIso } from '../common/time/zoned-time';
import { PersonZones } from '../users/person-zones.service';
import { UsersService } from '../users/users.service';
import { AvailabilityService } from './availability.service';
import { ParticipantSide } from './consultation.enums';
import { SlotState } from './dto/availability.dto';
import { OverlapsQuery, OverlapsResponse } from './dto/overlap.dto';
import { ProgrammesService } from './programmes.service';
import { RoundCatalog } from './round-catalog.service';
import { clockMinutes, DEFAULT_WORKING_HOURS, withinWorkingHours } from './scheduling/working-hours';

/**
 * Slots of a round that fall inside two people's working hours, each on their own clock (the zone they are in at that
 * slot), with whether each is free then: for online rounds across Seoul and Boston. Free/busy only, never with whom.
 */
@Injectable()
export class OverlapFinder {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly catalog: RoundCatalog,
    private readonly availability: AvailabilityService,
    private readonly personZones: PersonZones,
    private readonly usersService: UsersService,
  ) {}

  /**
   * Organizers ask about any one or two people of the programme. A participant asks about themselves and a host (as
   * the host's free/busy is open to them); asking about anyone else is a 404, like a person not in the programme.
   */
  async overlaps(user: AuthenticatedUser, eventId: string, roundId: string, query: OverlapsQuery): Promise<OverlapsResponse> {
    const { details, isOrganizer, participant } = await this.programmes.readableRound(user, eventId, roundId);
    const workFrom = query.workFrom ?? DEFAULT_WORKING_HOURS.from;
    const workTo = query.workTo ?? DEFAULT_WORKING_HOURS.to;
    const hours = { from: clockMinutes(workFrom)!, to: clockMinutes(workTo)! };
    if (hours.to <= hours.from) throw new ValidationError([{ field: 'workTo', messages: ['workTo must come after workFrom'] }]);
    const first = query.userId;
    const second = query.withUserId ?? (participant && participant.userId !== first ? user.id : null);
    if (second === first) throw new ValidationError([{ field: 'withUserId', messages: ['withUserId must be another person than userId'] }]);
    const people = second ? [first, second] : [first];
    const participants = await Promise.all(people.map((userId) => this.catalog.participant(details.round.programmeId, userId)));
    if (participants.some((candidate) => candidate === null)) throw new NotFoundError('Participant');
    if (!isOrganizer) {
      const others = participants.filter((candidate) => candidate!.userId !== user.id);
      const asksForSelf = people.includes(user.id);
      if (!asksForSelf || others.some((other) => other!.side !== ParticipantSide.Host)) throw new NotFoundError('Participant');
    }
    const [statuses, schedules, names] = await Promise.all([
      this.availability.slotStatuses(details, first, second),
      this.personZones.schedules(people),
      this.usersService.findByIds(people),
    ]);
    const slots = statuses.flatMap((status) => {
      const clocks = people.map((userId, index) => {
        const zone = schedules.get(userId)!.zoneAt(status.startsAt);
        return {
          userId,
          timeZone: zone,
          startsAtLocal: toZonedIso(status.startsAt, zone),
          endsAtLocal: toZonedIso(status.endsAt, zone),
          free: index === 0 ? status.state === SlotState.Open : status.guestFree === true,
          inside: withinWorkingHours(status, zone, hours),
        };
      });
      if (!clocks.every((clock) => clock.inside)) return [];
      return [
        {
          startsAt: status.startsAt.toISOString(),
          endsAt: status.endsAt.toISOString(),
          startsAtRoundLocal: toZonedIso(status.startsAt, details.round.timeZone),
          people: clocks.map(({ inside: _inside, ...clock }) => clock),
          free: clocks.every((clock) => clock.free),
        },
      ];
    });
    return {
      roundId,
      timeZone: details.round.timeZone,
      workFrom,
      workTo,
      people: people.map((userId) => ({ userId, name: names.get(userId)?.name ?? '' })),
      slots,
    };
  }
}
