import { Body, Controller, Delete, Get, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser, OptionalUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { CreateRoomDto, RoomResponse, UpdateRoomDto } from './dto/room.dto';
import { RoomsService } from './rooms.service';

@ApiTags('expo floor')
@Controller('events/:eventId/rooms')
export class RoomsController {
  constructor(private readonly roomsService: RoomsService) {}

  @Post()
  @Route({ summary: 'Add a room: press room, business lounge, stage, meeting area (organizers)', response: RoomResponse, status: HttpStatus.CREATED })
  create(@CurrentUser() user: AuthenticatedUser, @Param('eventId', ParseIdPipe) eventId: string, @Body() dto: CreateRoomDto): Promise<RoomResponse> {
    return this.roomsService.create(user, eventId, dto);
  }

  @Get()
  @Route({ summary: "The event's rooms (public for published events)", public: true, response: [RoomResponse] })
  list(@OptionalUser() user: AuthenticatedUser | undefined, @Param('eventId', ParseIdPipe) eventId: string): Promise<RoomResponse[]> {
    return this.roomsService.list(user, eventId);
  }

  @Patch(':roomId')
  @Route({ summary: 'Update a room (organizers)', response: RoomResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('roomId', ParseIdPipe) roomId: string,
    @Body() dto: UpdateRoomDto,
  ): Promise<RoomResponse> {
    return this.roomsService.update(user, eventId, roomId, dto);
  }

  @Delete(':roomId')
  @Route({ summary: 'Delete a room no session uses (organizers)' })
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('roomId', ParseIdPipe) roomId: string,
  ): Promise<void> {
    return this.roomsService.remove(user, eventId, roomId);
  }
}
