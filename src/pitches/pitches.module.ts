import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgendaModule } from '../agenda/agenda.module';
import { CallsModule } from '../calls/calls.module';
import { ConsultationsModule } from '../consultations/consultations.module';
import { EventsModule } from '../events/events.module';
import { PitchFeedbackService } from './pitch-feedback.service';
import { PitchInterest } from './pitch-interest.entity';
import { PitchRating } from './pitch-rating.entity';
import { PitchSession } from './pitch-session.entity';
import { PitchSessionsService } from './pitch-sessions.service';
import { PitchSlot } from './pitch-slot.entity';
import { PitchesController } from './pitches.controller';

/** IR pitch sessions: running orders of selected startups, investors' ratings, and "want to meet" as meeting requests. */
@Module({
  imports: [TypeOrmModule.forFeature([PitchSession, PitchSlot, PitchRating, PitchInterest]), EventsModule, AgendaModule, CallsModule, ConsultationsModule],
  controllers: [PitchesController],
  providers: [PitchSessionsService, PitchFeedbackService],
  exports: [],
})
export class PitchesModule {}
