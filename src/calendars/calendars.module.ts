import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsultationsModule } from '../consultations/consultations.module';
import { EventsModule } from '../events/events.module';
import { UsersModule } from '../users/users.module';
import { CalendarFeedToken } from './calendar-feed-token.entity';
import { CalendarFeedsController } from './calendar-feeds.controller';
import { CalendarFeedsService } from './calendar-feeds.service';
import { CalendarReads } from './calendar-reads.service';
import { CalendarViewsService } from './calendar-views.service';
import { CalendarsController } from './calendars.controller';
import { MeetingInvitations } from './meeting-invitations.service';

/** Calendar views (yours, a participant's, a day per table and room), ICS subscription feeds and meeting .ics files. */
@Module({
  imports: [TypeOrmModule.forFeature([CalendarFeedToken]), EventsModule, ConsultationsModule, UsersModule],
  controllers: [CalendarsController, CalendarFeedsController],
  providers: [CalendarReads, CalendarViewsService, CalendarFeedsService, MeetingInvitations],
  // MeetingInvitations: the METHOD:REQUEST / METHOD:CANCEL objects reminder emails attach.
  exports: [MeetingInvitations],
})
export class CalendarsModule {}
