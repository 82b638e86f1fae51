import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { MailModule } from '../notifications/mail.module';
import { UsersModule } from '../users/users.module';
import { EventAccessService } from './event-access.service';
import { EventMembersService } from './event-members.service';
import { EventMembership } from './event-membership.entity';
import { Event } from './event.entity';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { Invitation } from './invitation.entity';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';

@Module({
  imports: [TypeOrmModule.forFeature([Event, EventMembership, Invitation]), UsersModule, AuthModule, MailModule],
  controllers: [EventsController, InvitationsController],
  providers: [EventsService, EventMembersService, EventAccessService, InvitationsService],
  exports: [EventAccessService, EventMembersService],
})
export class EventsModule {}
