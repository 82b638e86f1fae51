import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { CallReviewsService } from './call-reviews.service';
import { ReviewDto, ReviewResponse } from './dto/application.dto';
import { AssignmentResponse, AssignReviewerDto, RankingResponse } from './dto/call.dto';

@ApiTags('calls')
@Controller('events/:eventId/calls/:callId')
export class CallReviewsController {
  constructor(private readonly reviewsService: CallReviewsService) {}

  @Post('reviewers')
  @Route({
    summary: 'Assign a member of the event to review submitted applications (managers)',
    description: 'All or nothing: a reviewer who belongs to one of the applying organizations is refused (409).',
    response: [AssignmentResponse],
  })
  assign(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('callId', ParseIdPipe) callId: string,
    @Body() dto: AssignReviewerDto,
  ): Promise<AssignmentResponse[]> {
    return this.reviewsService.assign(user, eventId, callId, dto);
  }

  @Get('ranking')
  @Route({ summary: 'Submitted applications ranked by their average review, with the spread (managers)', response: RankingResponse })
  ranking(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('callId', ParseIdPipe) callId: string,
  ): Promise<RankingResponse> {
    return this.reviewsService.ranking(user, eventId, callId);
  }

  @Put('applications/:applicationId/review')
  @Route({ summary: 'Your review of an application you are assigned: a score on every criterion, and a comment', response: ReviewResponse })
  review(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('callId', ParseIdPipe) callId: string,
    @Param('applicationId', ParseIdPipe) applicationId: string,
    @Body() dto: ReviewDto,
  ): Promise<ReviewResponse> {
    return this.reviewsService.review(user, eventId, callId, applicationId, dto);
  }

  @Get('applications/:applicationId/reviews')
  @Route({ summary: "An application's reviews (managers: all; a reviewer: their own)", response: [ReviewResponse] })
  reviews(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('callId', ParseIdPipe) callId: string,
    @Param('applicationId', ParseIdPipe) applicationId: string,
  ): Promise<ReviewResponse[]> {
    return this.reviewsService.reviews(user, eventId, callId, applicationId);
  }

  @Delete('applications/:applicationId/reviewers/:reviewerUserId')
  @Route({ summary: 'Take a reviewer off an application not yet reviewed (managers)' })
  unassign(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('callId', ParseIdPipe) callId: string,
    @Param('applicationId', ParseIdPipe) applicationId: string,
    @Param('reviewerUserId', ParseIdPipe) reviewerUserId: string,
  ): Promise<void> {
    return this.reviewsService.unassign(user, eventId, callId, applicationId, reviewerUserId);
  }
}
