import { Body, Controller, Get, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { CallsService } from './calls.service';
import { CallResponse, CreateCallDto, ListCallsQuery, UpdateCallDto } from './dto/call.dto';

@ApiTags('calls')
@Controller('events/:eventId/calls')
export class CallsController {
  constructor(private readonly callsService: CallsService) {}

  @Post()
  @Route({
    summary: 'Open a call: IR pitch places (organizers) or a challenge (organizers, or a member of the host company)',
    response: CallResponse,
    status: HttpStatus.CREATED,
  })
  create(@CurrentUser() user: AuthenticatedUser, @Param('eventId', ParseIdPipe) eventId: string, @Body() dto: CreateCallDto): Promise<CallResponse> {
    return this.callsService.create(user, eventId, dto);
  }

  @Get()
  @Route({ summary: "The event's calls, with their competition ratio", response: [CallResponse] })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Query() query: ListCallsQuery,
  ): Promise<CallResponse[]> {
    return this.callsService.list(user, eventId, query);
  }

  @Get(':callId')
  @Route({ summary: 'A call: its form, criteria, places and competition ratio', response: CallResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('callId', ParseIdPipe) callId: string,
  ): Promise<CallResponse> {
    return this.callsService.get(user, eventId, callId);
  }

  @Patch(':callId')
  @Route({
    summary: 'Change a call (managers)',
    description: 'Questions and criteria are replaced as a whole while nothing answers or scores them; places never go below the selections.',
    response: CallResponse,
  })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('callId', ParseIdPipe) callId: string,
    @Body() dto: UpdateCallDto,
  ): Promise<CallResponse> {
    return this.callsService.update(user, eventId, callId, dto);
  }

  @Post(':callId/publish')
  @Route({ summary: 'Publish the decisions to the applicants (managers; after the call closes, every application decided)', response: CallResponse })
  publish(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('callId', ParseIdPipe) callId: string,
  ): Promise<CallResponse> {
    return this.callsService.publish(user, eventId, callId);
  }
}
