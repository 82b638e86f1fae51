import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { queryRows } from '../common/database-queries';
import { toZonedIso } from '../common/time/zoned-time';
import { OrganizationsService } from '../organizations/organizations.service';
import { UsersService } from '../users/users.service';
import { answerValue } from './answers';
import { CallAnswer } from './call-answer.entity';
import { CallApplication } from './call-application.entity';
import { CallCriterion } from './call-criterion.entity';
import { CallQuestion } from './call-question.entity';
import { Call } from './call.entity';
import { competitionOf } from './competition';
import { CallApplicationResponse, ReviewResponse } from './dto/application.dto';
import { CallResponse, CriterionResponse, QuestionResponse } from './dto/call.dto';

/** How the viewer stands towards an application, which decides what of it they see. */
export interface ApplicationViewer {
  userId: string;
  canManage: boolean;
  isApplicant: boolean;
  isReviewer: boolean;
}

interface ReviewRow {
  id: string;
  applicationId: string;
  reviewerUserId: string;
  comment: string | null;
  createdAt: Date;
  updatedAt: Date;
  scores: Array<{ criterionId: string; score: number; maxScore: number }>;
}

/** Turns calls, applications and reviews into their API shapes, loading what they need in a few queries. */
@Injectable()
export class CallPresenter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizationsService: OrganizationsService,
    private readonly usersService: UsersService,
  ) {}

  async calls(calls: Call[], timeZone: string, managedCallIds: ReadonlySet<string>): Promise<CallResponse[]> {
    if (calls.length === 0) return [];
    const callIds = calls.map((call) => call.id);
    const [questions, criteria, applicants, names] = await Promise.all([
      this.dataSource.getRepository(CallQuestion).find({ where: { callId: In(callIds) }, order: { position: 'ASC' } }),
      this.dataSource.getRepository(CallCriterion).find({ where: { callId: In(callIds) }, order: { position: 'ASC' } }),
      this.applicantCounts(callIds),
      this.organizationsService.namesByIds(calls.flatMap((call) => (call.hostOrganizationId ? [call.hostOrganizationId] : []))),
    ]);
    const now = Date.now();
    return calls.map((call) => ({
      id: call.id,
      eventId: call.eventId,
      kind: call.kind,
      hostOrganization: call.hostOrganizationId ? { id: call.hostOrganizationId, name: names.get(call.hostOrganizationId) ?? '' } : null,
      title: call.title,
      description: call.description,
      eligibility: call.eligibility,
      opensAt: toZonedIso(call.opensAt, timeZone),
      closesAt: toZonedIso(call.closesAt, timeZone),
      isOpen: call.opensAt.getTime() <= now && now < call.closesAt.getTime(),
      places: call.places,
      competition: competitionOf(applicants.get(call.id) ?? 0, call.places),
      resultsPublishedAt: call.resultsPublishedAt,
      questions: questions.filter((question) => question.callId === call.id).map(questionResponse),
      criteria: criteria.filter((criterion) => criterion.callId === call.id).map(criterionResponse),
      canManage: managedCallIds.has(call.id),
      createdAt: call.createdAt,
      updatedAt: call.updatedAt,
    }));
  }

  /**
   * Applicants per call, for the competition ratio: the applications submitted and not withdrawn, and those withdrawn
   * only after the call closed (they were in the competition at the close), so the ratio stays put once the call closes.
   */
  async applicantCounts(callIds: string[]): Promise<Map<string, number>> {
    const rows = await queryRows<{ callId: string; applicants: number }>(
      this.dataSource.manager,
      `SELECT a.call_id AS "callId", count(*)::int AS applicants
         FROM call_applications a JOIN calls c ON c.id = a.call_id
        WHERE a.call_id = ANY($1::uuid[]) AND a.submitted_at IS NOT NULL
          AND (a.status = 'submitted' OR (a.status = 'withdrawn' AND a.withdrawn_at >= c.closes_at))
        GROUP BY a.call_id`,
      [callIds],
    );
    return new Map(rows.map((row) => [row.callId, row.applicants]));
  }

  async applications(call: Call, applications: CallApplication[], viewerOf: (application: CallApplication) => ApplicationViewer): Promise<CallApplicationResponse[]> {
    if (applications.length === 0) return [];
    const ids = applications.map((application) => application.id);
    const [answers, questions, names, reviews, assignments] = await Promise.all([
      this.dataSource.getRepository(CallAnswer).find({ where: { applicationId: In(ids) } }),
      this.dataSource.getRepository(CallQuestion).find({ where: { callId: call.id }, order: { position: 'ASC' } }),
      this.organizationsService.namesByIds([...new Set(applications.map((application) => application.organizationId))]),
      this.reviewRows(ids),
      queryRows<{ applicationId: string; reviewerUserId: string }>(
        this.dataSource.manager,
        `SELECT application_id AS "applicationId", reviewer_user_id AS "reviewerUserId" FROM call_review_assignments
          WHERE application_id = ANY($1::uuid[]) ORDER BY created_at, reviewer_user_id`,
        [ids],
      ),
    ]);
    const people = await this.usersService.findByIds([...new Set(assignments.map((assignment) => assignment.reviewerUserId))]);
    const position = new Map(questions.map((question) => [question.id, question.position]));
    const kind = new Map(questions.map((question) => [question.id, question.kind]));
    const published = call.resultsPublishedAt !== null;
    return applications.map((application) => {
      const viewer = viewerOf(application);
      const ownReviews = reviews.filter((review) => review.applicationId === application.id);
      const decisionVisible = viewer.canManage || published;
      const myReview = viewer.isReviewer ? ownReviews.find((review) => review.reviewerUserId === viewer.userId) : undefined;
      return {
        id: application.id,
        callId: application.callId,
        eventId: application.eventId,
        organization: { id: application.organizationId, name: names.get(application.organizationId) ?? '' },
        status: application.status,
        answers: answers
          .filter((answer) => answer.applicationId === application.id)
          .sort((first, second) => (position.get(first.questionId) ?? 0) - (position.get(second.questionId) ?? 0))
          .map((answer) => ({ questionId: answer.questionId, value: answerValue(kind.get(answer.questionId)!, answer.value) })),
        submittedAt: application.submittedAt,
        withdrawnAt: application.withdrawnAt,
        decision: decisionVisible ? application.decision : null,
        decisionNote: decisionVisible ? application.decisionNote : null,
        decidedAt: decisionVisible ? application.decidedAt : null,
        reviewCommentsShared: viewer.canManage ? application.reviewCommentsShared : false,
        reviewComments:
          viewer.isApplicant && published && application.reviewCommentsShared
            ? ownReviews.flatMap((review) => (review.comment ? [review.comment] : []))
            : null,
        reviewers: viewer.canManage
          ? assignments
              .filter((assignment) => assignment.applicationId === application.id)
              .map((assignment) => ({
                userId: assignment.reviewerUserId,
                name: people.get(assignment.reviewerUserId)?.name ?? '',
                reviewed: ownReviews.some((review) => review.reviewerUserId === assignment.reviewerUserId),
              }))
          : null,
        myReview: myReview ? this.review(myReview, people.get(myReview.reviewerUserId)?.name ?? '') : null,
        createdAt: application.createdAt,
        updatedAt: application.updatedAt,
      };
    });
  }

  async reviews(applicationIds: string[], reviewerUserId?: string): Promise<ReviewResponse[]> {
    const rows = (await this.reviewRows(applicationIds)).filter((row) => reviewerUserId === undefined || row.reviewerUserId === reviewerUserId);
    const people = await this.usersService.findByIds([...new Set(rows.map((row) => row.reviewerUserId))]);
    return rows.map((row) => this.review(row, people.get(row.reviewerUserId)?.name ?? ''));
  }

  private review(row: ReviewRow, reviewerName: string): ReviewResponse {
    return {
      id: row.id,
      applicationId: row.applicationId,
      reviewer: { userId: row.reviewerUserId, name: reviewerName },
      scores: row.scores,
      total: row.scores.reduce((sum, score) => sum + score.score, 0),
      comment: row.comment,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  private reviewRows(applicationIds: string[]): Promise<ReviewRow[]> {
    return queryRows<ReviewRow>(
      this.dataSource.manager,
      `SELECT r.id, r.application_id AS "applicationId", r.reviewer_user_id AS "reviewerUserId", r.comment,
              r.created_at AS "createdAt", r.updated_at AS "updatedAt",
              COALESCE((SELECT json_agg(json_build_object('criterionId', s.criterion_id, 'score', s.score, 'maxScore', s.max_score) ORDER BY c.position)
                          FROM call_review_scores s JOIN call_criteria c ON c.id = s.criterion_id
                         WHERE s.review_id = r.id), '[]') AS scores
         FROM call_reviews r WHERE r.application_id = ANY($1::uuid[])
        ORDER BY r.created_at, r.id`,
      [applicationIds],
    );
  }
}

function questionResponse(question: CallQuestion): QuestionResponse {
  return {
    id: question.id,
    position: question.position,
    kind: question.kind,
    prompt: question.prompt,
    required: question.required,
    choices: question.choices,
    minValue: question.minValue,
    maxValue: question.maxValue,
  };
}

function criterionResponse(criterion: CallCriterion): CriterionResponse {
  return { id: criterion.id, position: criterion.position, name: criterion.name, description: criterion.description, maxScore: criterion.maxScore };
}
