import { Body, Controller, Delete, Get, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser, OptionalUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { EventMemberResponse, UpdateEventMemberDto } from './dto/event-member.dto';
import { CreateEventDto, EventListResponse, EventResponse, ListEventsQuery, UpdateEventDto } from './dto/event.dto';
import { EventMembersService } from './event-members.service';
import { EventsService } from './events.service';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(
    private readonly eventsService: EventsService,
    private readonly eventMembersService: EventMembersService,
  ) {}

  @Post()
  @Route({ summary: 'Create an event (you become its organizer)', response: EventResponse, status: HttpStatus.CREATED })
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateEventDto): Promise<EventResponse> {
    return this.eventsService.create(user, dto);
  }

  @Get()
  @Route({ summary: 'Published events', public: true, response: EventListResponse })
  listPublished(@OptionalUser() user: AuthenticatedUser | undefined, @Query() query: ListEventsQuery): Promise<EventListResponse> {
    return this.eventsService.listPublished(user, query);
  }

  @Get('mine')
  @Route({ summary: 'Events you take part in, any status', response: [EventResponse] })
  listMine(@CurrentUser() user: AuthenticatedUser): Promise<EventResponse[]> {
    return this.eventsService.listMine(user);
  }

  @Get(':event')
  @Route({ summary: 'An event by id or slug (drafts: organizers only)', public: true, response: EventResponse })
  get(@OptionalUser() user: AuthenticatedUser | undefined, @Param('event') idOrSlug: string): Promise<EventResponse> {
    return this.eventsService.get(user, idOrSlug);
  }

  @Patch(':eventId')
  @Route({ summary: 'Update an event, including publishing or archiving it (organizers)', response: EventResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Body() dto: UpdateEventDto,
  ): Promise<EventResponse> {
    return this.eventsService.update(user, eventId, dto);
  }

  @Get(':eventId/members')
  @Route({ summary: 'Members and their roles (members; emails for organizers)', response: [EventMemberResponse] })
  listMembers(@CurrentUser() user: AuthenticatedUser, @Param('eventId', ParseIdPipe) eventId: string): Promise<EventMemberResponse[]> {
    return this.eventMembersService.list(user, eventId);
  }

  @Patch(':eventId/members/:userId')
  @Route({ summary: "Set a member's roles (organizers)", response: EventMemberResponse })
  updateMember(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('userId', ParseIdPipe) userId: string,
    @Body() dto: UpdateEventMemberDto,
  ): Promise<EventMemberResponse> {
    return this.eventMembersService.update(user, eventId, userId, dto);
  }

  @Delete(':eventId/members/:userId')
  @Route({ summary: 'Remove a member (organizers), or leave (yourself)' })
  removeMember(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('userId', ParseIdPipe) userId: string,
  ): Promise<void> {
    return this.eventMembersService.remove(user, eventId, userId);
  }
}
