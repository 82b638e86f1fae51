import { Body, Controller, Delete, Get, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { ReplaceTravelTimeZonesDto, TravelTimeZoneDto, TravelTimeZoneResponse } from './dto/travel-time-zone.dto';
import { TravelTimeZonesService } from './travel-time-zones.service';

const ABOUT =
  'While a range runs, calendars, overlaps and reminders show your times in its zone instead of your profile zone. ' +
  'Days are calendar dates in the range zone; an open end runs without limit.';

@ApiTags('me')
@Controller('me/travel-time-zones')
export class TravelTimeZonesController {
  constructor(private readonly travelTimeZonesService: TravelTimeZonesService) {}

  @Get()
  @Route({ summary: 'Your travel time zones', description: ABOUT, response: [TravelTimeZoneResponse] })
  list(@CurrentUser() user: AuthenticatedUser): Promise<TravelTimeZoneResponse[]> {
    return this.travelTimeZonesService.list(user);
  }

  @Post()
  @Route({ summary: 'Add a travel time zone', description: `${ABOUT} 409 when it shares a day with another.`, response: TravelTimeZoneResponse, status: HttpStatus.CREATED })
  add(@CurrentUser() user: AuthenticatedUser, @Body() dto: TravelTimeZoneDto): Promise<TravelTimeZoneResponse> {
    return this.travelTimeZonesService.add(user, dto);
  }

  @Put()
  @Route({ summary: 'Replace all your travel time zones', description: ABOUT, response: [TravelTimeZoneResponse] })
  replace(@CurrentUser() user: AuthenticatedUser, @Body() dto: ReplaceTravelTimeZonesDto): Promise<TravelTimeZoneResponse[]> {
    return this.travelTimeZonesService.replace(user, dto);
  }

  @Delete(':rangeId')
  @Route({ summary: 'Remove one of your travel time zones' })
  remove(@CurrentUser() user: AuthenticatedUser, @Param('rangeId', ParseIdPipe) rangeId: string): Promise<void> {
    return this.travelTimeZonesService.remove(user, rangeId);
  }
}
