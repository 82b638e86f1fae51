import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { AvailabilityService } from './availability.service';
import { AvailabilityResponse, HostSlotsResponse, RoundSlotsResponse, SetAvailabilityDto, SlotsQuery } from './dto/availability.dto';
import { OverlapsQuery, OverlapsResponse } from './dto/overlap.dto';
import { OverlapFinder } from './overlap-finder.service';

@ApiTags('consultations')
@Controller('events/:eventId/consultation-rounds/:roundId')
export class AvailabilityController {
  constructor(
    private readonly availabilityService: AvailabilityService,
    private readonly overlapFinder: OverlapFinder,
  ) {}

  @Get('slots')
  @Route({
    summary: "A round's slot grid, on the round's wall clock and yours (organizers and participants)",
    description: 'timeZone defaults to your profile zone.',
    response: RoundSlotsResponse,
  })
  roundSlots(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('roundId', ParseIdPipe) roundId: string,
    @Query() query: SlotsQuery,
  ): Promise<RoundSlotsResponse> {
    return this.availabilityService.roundSlots(user, eventId, roundId, query);
  }

  @Get('hosts/:hostUserId/slots')
  @Route({
    summary: "A host's free/busy in a round: open, unavailable or taken (organizers and participants)",
    description: 'Guests of the programme also see whether they are free (youAreFree). Never says whom a host meets.',
    response: HostSlotsResponse,
  })
  hostSlots(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('roundId', ParseIdPipe) roundId: string,
    @Param('hostUserId', ParseIdPipe) hostUserId: string,
    @Query() query: SlotsQuery,
  ): Promise<HostSlotsResponse> {
    return this.availabilityService.hostSlots(user, eventId, roundId, hostUserId, query);
  }

  @Get('availability')
  @Route({ summary: 'The slots you closed in a round (hosts and guests)', response: AvailabilityResponse })
  myAvailability(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('roundId', ParseIdPipe) roundId: string,
    @Query() query: SlotsQuery,
  ): Promise<AvailabilityResponse> {
    return this.availabilityService.myAvailability(user, eventId, roundId, query);
  }

  @Put('availability')
  @Route({ summary: 'Replace the slots you closed in a round; every other slot is open (hosts and guests)', response: AvailabilityResponse })
  setMyAvailability(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('roundId', ParseIdPipe) roundId: string,
    @Body() dto: SetAvailabilityDto,
  ): Promise<AvailabilityResponse> {
    return this.availabilityService.setMyAvailability(user, eventId, roundId, dto);
  }

  @Get('overlaps')
  @Route({
    summary: "The round's slots inside two people's working hours, each on their own clock, and whether each is free",
    description:
      'For online rounds across zones (e.g. 08:00-20:00 in Seoul and in Boston). Each person’s clock is the zone they are in at that slot ' +
      '(travel time zones, else the profile zone). Participants ask about themselves and a host; organizers about anyone in the programme.',
    response: OverlapsResponse,
  })
  overlaps(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('roundId', ParseIdPipe) roundId: string,
    @Query() query: OverlapsQuery,
  ): Promise<OverlapsResponse> {
    return this.overlapFinder.overlaps(user, eventId, roundId, query);
  }
}
