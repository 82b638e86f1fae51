import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { MeetingNoteResponse, WriteMeetingNoteDto } from './dto/meeting-note.dto';
import { MeetingNotesService } from './meeting-notes.service';

@ApiTags('consultations')
@Controller('events/:eventId/meetings/:meetingId/my-note')
export class MeetingNotesController {
  constructor(private readonly notesService: MeetingNotesService) {}

  @Get()
  @Route({
    summary: 'Your private note and rating of a meeting (its host or guest)',
    description: 'Only ever your own: the other side and organizers cannot read it. 404 until you have written one.',
    response: MeetingNoteResponse,
  })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('meetingId', ParseIdPipe) meetingId: string,
  ): Promise<MeetingNoteResponse> {
    return this.notesService.getMine(user, eventId, meetingId);
  }

  @Put()
  @Route({
    summary: 'Write your private note and rating (1 to 5) of a held or no-show meeting; replaces the previous one',
    response: MeetingNoteResponse,
  })
  put(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('meetingId', ParseIdPipe) meetingId: string,
    @Body() dto: WriteMeetingNoteDto,
  ): Promise<MeetingNoteResponse> {
    return this.notesService.putMine(user, eventId, meetingId, dto);
  }
}
