import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { UsersModule } from '../users/users.module';
import { CallAccessService } from './call-access.service';
import { CallAnswer } from './call-answer.entity';
import { CallApplication } from './call-application.entity';
import { CallApplicationsController } from './call-applications.controller';
import { CallApplicationsService } from './call-applications.service';
import { CallCriterion } from './call-criterion.entity';
import { CallPresenter } from './call-presenter.service';
import { CallQuestion } from './call-question.entity';
import { CallResultsService } from './call-results.service';
import { CallReview } from './call-review.entity';
import { CallReviewsController } from './call-reviews.controller';
import { CallReviewsService } from './call-reviews.service';
import { Call } from './call.entity';
import { CallsController } from './calls.controller';
import { CallsService } from './calls.service';
import { ReviewAssignment } from './review-assignment.entity';
import { ReviewScore } from './review-score.entity';

/** Calls for applications (IR pitch places, open-innovation challenges): forms, applications, reviews, decisions. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Call, CallQuestion, CallCriterion, CallApplication, CallAnswer, ReviewAssignment, CallReview, ReviewScore]),
    EventsModule,
    OrganizationsModule,
    UsersModule,
  ],
  controllers: [CallsController, CallApplicationsController, CallReviewsController],
  providers: [CallAccessService, CallPresenter, CallsService, CallApplicationsService, CallReviewsService, CallResultsService],
  // Pitch sessions line up selected applications; challenge winners become collaboration projects.
  exports: [CallResultsService],
})
export class CallsModule {}
