import { Body, Controller, Delete, Get, Headers, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TokenResponse } from '../auth/dto/auth.dto';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { EventResponse } from './dto/event.dto';
import {
  CreatedInvitationResponse,
  CreateInvitationDto,
  InvitationPreviewResponse,
  InvitationResponse,
  RegisterWithInvitationDto,
} from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@Controller()
export class InvitationsController {
  constructor(private readonly invitationsService: InvitationsService) {}

  @Post('events/:eventId/invitations')
  @Route({
    summary: 'Invite a person by email to a role (organizers)',
    description: 'Emails a single-use link. Inviting the same person to the same role again replaces the pending invitation.',
    response: CreatedInvitationResponse,
    status: HttpStatus.CREATED,
  })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Body() dto: CreateInvitationDto,
  ): Promise<CreatedInvitationResponse> {
    return this.invitationsService.create(user, eventId, dto);
  }

  @Get('events/:eventId/invitations')
  @Route({ summary: 'Invitations of the event (organizers)', response: [InvitationResponse] })
  list(@CurrentUser() user: AuthenticatedUser, @Param('eventId', ParseIdPipe) eventId: string): Promise<InvitationResponse[]> {
    return this.invitationsService.list(user, eventId);
  }

  @Delete('events/:eventId/invitations/:invitationId')
  @Route({ summary: 'Revoke a pending invitation (organizers)' })
  revoke(
    @CurrentUser() user: AuthenticatedUser,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Param('invitationId', ParseIdPipe) invitationId: string,
  ): Promise<void> {
    return this.invitationsService.revoke(user, eventId, invitationId);
  }

  @Get('invitations/:token')
  @Route({ summary: 'What an invitation link is for', public: true, response: InvitationPreviewResponse })
  preview(@Param('token') token: string): Promise<InvitationPreviewResponse> {
    return this.invitationsService.preview(token);
  }

  @Post('invitations/:token/accept')
  @Route({ summary: 'Accept an invitation sent to your email', response: EventResponse })
  accept(@CurrentUser() user: AuthenticatedUser, @Param('token') token: string): Promise<EventResponse> {
    return this.invitationsService.accept(user, token);
  }

  @Post('invitations/:token/register')
  @Route({
    summary: 'Create your account from an invitation, accept it and sign in',
    public: true,
    response: TokenResponse,
    status: HttpStatus.CREATED,
  })
  register(
    @Param('token') token: string,
    @Body() dto: RegisterWithInvitationDto,
    @Headers('user-agent') userAgent?: string,
  ): Promise<TokenResponse> {
    return this.invitationsService.registerAndAccept(token, dto, userAgent);
  }
}
