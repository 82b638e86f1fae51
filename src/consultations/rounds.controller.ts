import { Body, Controller, Delete, Get, HttpStatus, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { CreateRoundDto, ReorderRoundsDto, RoundResponse, SetVideoLinkDto, UpdateRoundDto, VideoLinkResponse } from './dto/round.dto';
import { RoundsService } from './rounds.service';

@ApiTags('consultations')
@Controller('events/:eventId')
export class RoundsController {
  constructor(private readonly roundsService: RoundsService) {}

  @Post('consultation-programmes/:programmeId/rounds')
  @Route({ summary: "Add a round after the programme's last (organizers)", response: RoundResponse, status: HttpStatus.CREATED })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('programmeId', ParseIdPipe) programmeId: string,
    @Body() dto: CreateRoundDto,
  ): Promise<RoundResponse> {
    return this.roundsService.create(user, eventId, programmeId, dto);
  }

  @Get('consultation-programmes/:programmeId/rounds')
  @Route({ summary: "A programme's rounds in order (organizers and participants)", response: [RoundResponse] })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('programmeId', ParseIdPipe) programmeId: string,
  ): Promise<RoundResponse[]> {
    return this.roundsService.list(user, eventId, programmeId);
  }

  @Put('consultation-programmes/:programmeId/round-order')
  @Route({ summary: "Reorder a programme's rounds (organizers)", response: [RoundResponse] })
  reorder(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('programmeId', ParseIdPipe) programmeId: string,
    @Body() dto: ReorderRoundsDto,
  ): Promise<RoundResponse[]> {
    return this.roundsService.reorder(user, eventId, programmeId, dto);
  }

  @Get('consultation-rounds/:roundId')
  @Route({ summary: 'A round (organizers and participants of its programme)', response: RoundResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('roundId', ParseIdPipe) roundId: string,
  ): Promise<RoundResponse> {
    return this.roundsService.get(user, eventId, roundId);
  }

  @Patch('consultation-rounds/:roundId')
  @Route({ summary: 'Change a round; windows and locations are replaced whole (organizers)', response: RoundResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('roundId', ParseIdPipe) roundId: string,
    @Body() dto: UpdateRoundDto,
  ): Promise<RoundResponse> {
    return this.roundsService.update(user, eventId, roundId, dto);
  }

  @Delete('consultation-rounds/:roundId')
  @Route({ summary: 'Delete a round without meetings (organizers)' })
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('roundId', ParseIdPipe) roundId: string,
  ): Promise<void> {
    return this.roundsService.remove(user, eventId, roundId);
  }

  @Put('consultation-rounds/:roundId/my-video-link')
  @Route({ summary: 'Set your video link for online rounds whose hosts enter theirs (hosts)', response: VideoLinkResponse })
  setMyVideoLink(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('roundId', ParseIdPipe) roundId: string,
    @Body() dto: SetVideoLinkDto,
  ): Promise<VideoLinkResponse> {
    return this.roundsService.setMyVideoLink(user, eventId, roundId, dto);
  }
}
