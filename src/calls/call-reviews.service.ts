import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isConstraintViolation, queryRows } from '../common/database-queries';
import { DomainError, FieldError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventAccessService } from '../events/event-access.service';
import { EventRole } from '../events/event.enums';
import { OrganizationsService } from '../organizations/organizations.service';
import { CallAccessService } from './call-access.service';
import { CallApplicationStatus, CallDecision } from './call.enums';
import { CallCriterion } from './call-criterion.entity';
import { CallPresenter } from './call-presenter.service';
import { competitionOf } from './competition';
import { ReviewDto, ReviewResponse } from './dto/application.dto';
import { AssignmentResponse, AssignReviewerDto, RankingResponse } from './dto/call.dto';

interface RankingRow {
  applicationId: string;
  organizationId: string;
  decision: CallDecision | null;
  reviewCount: number;
  assignedCount: number;
  average: number | null;
  standardDeviation: number | null;
  lowest: number | null;
  highest: number | null;
}

/** Reviewer assignments, reviews on the call's criteria, and the ranking the managers decide from. */
@Injectable()
export class CallReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CallAccessService,
    private readonly eventAccess: EventAccessService,
    private readonly organizationsService: OrganizationsService,
    private readonly presenter: CallPresenter,
  ) {}

  /**
   * Managers assign a member of the event to review submitted applications, all or nothing. The reviewer's
   * organizations are read in the same transaction and written on each assignment row next to the applying
   * organization; the table's CHECK refuses a row where they meet, so nobody reviews their own company.
   */
  async assign(user: AuthenticatedUser, eventId: string, callId: string, dto: AssignReviewerDto): Promise<AssignmentResponse[]> {
    await this.access.requireManager(user, eventId, callId);
    const memberships = await Promise.all(Object.values(EventRole).map((role) => this.eventAccess.personHasRole(dto.reviewerUserId, eventId, role)));
    if (!memberships.some(Boolean)) throw new ValidationError([{ field: 'reviewerUserId', messages: ['the reviewer must be a member of this event'] }]);
    const applications = await queryRows<{ id: string; status: CallApplicationStatus }>(
      this.dataSource.manager,
      'SELECT id, status::text AS status FROM call_applications WHERE call_id = $1 AND id = ANY($2::uuid[])',
      [callId, dto.applicationIds],
    );
    const found = new Map(applications.map((application) => [application.id, application.status]));
    const unknown = dto.applicationIds.filter((id) => !found.has(id.toLowerCase()));
    if (unknown.length > 0) {
      throw new ValidationError([{ field: 'applicationIds', messages: unknown.map((id) => `${id} is not an application of this call`) }]);
    }
    const notSubmitted = applications.filter((application) => application.status !== CallApplicationStatus.Submitted);
    if (notSubmitted.length > 0) {
      throw new DomainError(ErrorCode.ApplicationNotSubmitted, 'Only submitted applications are reviewed', [
        { field: 'applicationIds', messages: notSubmitted.map((application) => `${application.id} is ${application.status}`) },
      ]);
    }
    try {
      await this.dataSource.transaction(async (manager) => {
        const reviewerOrganizationIds = await this.organizationsService.organizationIdsOf(dto.reviewerUserId, manager);
        await manager.query(
          `INSERT INTO call_review_assignments (application_id, reviewer_user_id, applicant_organization_id, reviewer_organization_ids, assigned_by_id)
           SELECT a.id, $2, a.organization_id, $3::uuid[], $4 FROM call_applications a
            WHERE a.call_id = $5 AND a.id = ANY($1::uuid[]) AND a.status = 'submitted'
           ON CONFLICT (application_id, reviewer_user_id) DO NOTHING`,
          [dto.applicationIds, dto.reviewerUserId, reviewerOrganizationIds, user.id, callId],
        );
      });
    } catch (error) {
      if (isConstraintViolation(error, 'call_review_assignments_not_own_organization')) {
        throw new DomainError(ErrorCode.ReviewerOwnOrganization, 'The reviewer belongs to one of these applying organizations; nothing was assigned', [
          { field: 'reviewerUserId', messages: ['the reviewer is a member of an applying organization'] },
        ]);
      }
      throw error;
    }
    return queryRows<AssignmentResponse>(
      this.dataSource.manager,
      `SELECT x.application_id AS "applicationId", x.reviewer_user_id AS "reviewerUserId", x.created_at AS "createdAt"
         FROM call_review_assignments x JOIN call_applications a ON a.id = x.application_id
        WHERE a.call_id = $1 AND x.reviewer_user_id = $2 ORDER BY x.created_at, x.application_id`,
      [callId, dto.reviewerUserId],
    );
  }

  /** Managers take a reviewer off an application they have not reviewed yet (the review's foreign key refuses it otherwise). */
  async unassign(user: AuthenticatedUser, eventId: string, callId: string, applicationId: string, reviewerUserId: string): Promise<void> {
    await this.access.requireApplicationManager(user, eventId, callId, applicationId);
    let deleted: Array<{ applicationId: string }>;
    try {
      deleted = await queryRows(
        this.dataSource.manager,
        'DELETE FROM call_review_assignments WHERE application_id = $1 AND reviewer_user_id = $2 RETURNING application_id AS "applicationId"',
        [applicationId, reviewerUserId],
      );
    } catch (error) {
      if (isConstraintViolation(error, 'call_reviews_assignment_fk')) {
        throw new DomainError(ErrorCode.AlreadyReviewed, 'The reviewer has reviewed this application; the review stays');
      }
      throw error;
    }
    if (deleted.length === 0) throw new NotFoundError('Assignment');
  }

  /**
   * An assigned reviewer scores every criterion of the call (1 to its maxScore) and may comment; sending it again
   * replaces the review. Closed once the results are published. The transaction locks the call's row for share
   * (replacing the criteria and publishing lock it for update) and then the application's (withdrawing updates it), so
   * the criteria, the results and the application stay as they are read there until the review is written.
   */
  async review(user: AuthenticatedUser, eventId: string, callId: string, applicationId: string, dto: ReviewDto): Promise<ReviewResponse> {
    const { call, application, isReviewer } = await this.access.requireApplication(user, eventId, callId, applicationId);
    if (!isReviewer) throw new DomainError(ErrorCode.Forbidden, 'Only reviewers assigned to this application review it');
    if (call.resultsPublishedAt) throw resultsPublished();
    if (application.status !== CallApplicationStatus.Submitted) throw notSubmittedForReview(application.status);
    // Joined the applying company since being assigned: the rule still holds.
    if (await this.organizationsService.isMember(user.id, application.organizationId)) {
      throw new DomainError(ErrorCode.ReviewerOwnOrganization, 'You belong to the applying organization and cannot review it');
    }
    let reviewId: string;
    try {
      reviewId = await this.dataSource.transaction(async (manager) => {
        const [locked] = await queryRows<{ resultsPublishedAt: Date | null }>(
          manager,
          'SELECT results_published_at AS "resultsPublishedAt" FROM calls WHERE id = $1 FOR SHARE',
          [callId],
        );
        if (locked.resultsPublishedAt !== null) throw resultsPublished();
        const [current] = await queryRows<{ status: CallApplicationStatus }>(
          manager,
          'SELECT status::text AS status FROM call_applications WHERE id = $1 FOR SHARE',
          [applicationId],
        );
        if (current.status !== CallApplicationStatus.Submitted) throw notSubmittedForReview(current.status);
        const criteria = await manager.getRepository(CallCriterion).find({ where: { callId }, order: { position: 'ASC' } });
        checkScores(criteria, dto);
        const [review] = await queryRows<{ id: string }>(
          manager,
          `INSERT INTO call_reviews (application_id, reviewer_user_id, comment) VALUES ($1, $2, $3)
           ON CONFLICT (application_id, reviewer_user_id) DO UPDATE SET comment = EXCLUDED.comment, updated_at = now()
           RETURNING id`,
          [applicationId, user.id, dto.comment ?? null],
        );
        await manager.query('DELETE FROM call_review_scores WHERE review_id = $1', [review.id]);
        // The scale comes from the criterion row itself; the CHECK bounds the score by it.
        await manager.query(
          `INSERT INTO call_review_scores (review_id, criterion_id, max_score, score)
           SELECT $1, c.id, c.max_score, r.score
             FROM jsonb_to_recordset($2::jsonb) AS r(criterion_id uuid, score int) JOIN call_criteria c ON c.id = r.criterion_id AND c.call_id = $3`,
          [review.id, JSON.stringify(dto.scores.map((score) => ({ criterion_id: score.criterionId, score: score.score }))), callId],
        );
        // checkScores asked for one score per criterion, and the call's share lock keeps the criteria as read.
        return review.id;
      });
    } catch (error) {
      if (isConstraintViolation(error, 'call_review_scores_in_scale')) {
        throw new ValidationError([{ field: 'scores', messages: ["a score lies outside its criterion's scale"] }]);
      }
      if (isConstraintViolation(error, 'call_reviews_assignment_fk')) throw new DomainError(ErrorCode.Forbidden, 'You are no longer assigned to this application');
      throw error;
    }
    const [response] = await this.presenter.reviews([applicationId], user.id);
    if (response?.id !== reviewId) throw new NotFoundError('Review');
    return response;
  }

  /** Managers read every review of an application; an assigned reviewer only their own; the applicant gets 403. */
  async reviews(user: AuthenticatedUser, eventId: string, callId: string, applicationId: string): Promise<ReviewResponse[]> {
    const { canManage, isReviewer, application } = await this.access.requireApplication(user, eventId, callId, applicationId);
    if (canManage && application.status !== CallApplicationStatus.Draft) return this.presenter.reviews([applicationId]);
    if (isReviewer) return this.presenter.reviews([applicationId], user.id);
    throw new DomainError(ErrorCode.Forbidden, "Reviews are for the call's managers and each reviewer's own");
  }

  /**
   * Managers: submitted applications ranked by the average of their reviews' totals (sum of the criterion scores),
   * with the spread (standard deviation, lowest, highest) and each criterion's average. Ties share a rank.
   */
  async ranking(user: AuthenticatedUser, eventId: string, callId: string): Promise<RankingResponse> {
    const { call } = await this.access.requireManager(user, eventId, callId);
    const [rows, criterionRows, criteria, applicants] = await Promise.all([
      queryRows<RankingRow>(
        this.dataSource.manager,
        `WITH totals AS (
           SELECT r.application_id, sum(s.score)::int AS total
             FROM call_reviews r JOIN call_review_scores s ON s.review_id = r.id
             JOIN call_applications a ON a.id = r.application_id
            WHERE a.call_id = $1 GROUP BY r.id, r.application_id)
         SELECT a.id AS "applicationId", a.organization_id AS "organizationId", a.decision::text AS decision,
                count(t.total)::int AS "reviewCount",
                (SELECT count(*)::int FROM call_review_assignments x WHERE x.application_id = a.id) AS "assignedCount",
                round(avg(t.total), 2)::float AS average, round(stddev_pop(t.total), 2)::float AS "standardDeviation",
                min(t.total) AS lowest, max(t.total) AS highest
           FROM call_applications a LEFT JOIN totals t ON t.application_id = a.id
          WHERE a.call_id = $1 AND a.status = 'submitted'
          GROUP BY a.id
          ORDER BY average DESC NULLS LAST, a.submitted_at, a.id`,
        [callId],
      ),
      queryRows<{ applicationId: string; criterionId: string; average: number }>(
        this.dataSource.manager,
        `SELECT r.application_id AS "applicationId", s.criterion_id AS "criterionId", round(avg(s.score), 2)::float AS average
           FROM call_reviews r JOIN call_review_scores s ON s.review_id = r.id JOIN call_applications a ON a.id = r.application_id
          WHERE a.call_id = $1 GROUP BY r.application_id, s.criterion_id`,
        [callId],
      ),
      this.dataSource.getRepository(CallCriterion).find({ where: { callId }, order: { position: 'ASC' } }),
      this.presenter.applicantCounts([callId]),
    ]);
    const names = await this.organizationsService.namesByIds([...new Set(rows.map((row) => row.organizationId))]);
    const criterionAverage = new Map(criterionRows.map((row) => [`${row.applicationId}:${row.criterionId}`, row.average]));
    let rank = 0;
    let previous: number | null = null;
    const entries = rows.map((row, index) => {
      if (row.average !== null && row.average !== previous) rank = index + 1;
      previous = row.average;
      return {
        rank: row.average === null ? null : rank,
        applicationId: row.applicationId,
        organization: { id: row.organizationId, name: names.get(row.organizationId) ?? '' },
        reviewCount: row.reviewCount,
        assignedCount: row.assignedCount,
        average: row.average,
        standardDeviation: row.standardDeviation,
        lowest: row.lowest,
        highest: row.highest,
        criteria: criteria.map((criterion) => ({
          criterionId: criterion.id,
          average: criterionAverage.get(`${row.applicationId}:${criterion.id}`) ?? null,
        })),
        decision: row.decision,
      };
    });
    return {
      maxTotal: criteria.reduce((sum, criterion) => sum + criterion.maxScore, 0),
      competition: competitionOf(applicants.get(callId) ?? 0, call.places),
      selected: rows.filter((row) => row.decision === CallDecision.Selected).length,
      entries,
    };
  }
}

function resultsPublished(): DomainError {
  return new DomainError(ErrorCode.ResultsPublished, 'The results are published; reviews can no longer change');
}

function notSubmittedForReview(status: CallApplicationStatus): DomainError {
  return new DomainError(ErrorCode.ApplicationNotSubmitted, `The application is ${status}; only submitted ones are reviewed`);
}

/** One score for each criterion of the call, each within its scale. */
function checkScores(criteria: CallCriterion[], dto: ReviewDto): void {
  const byId = new Map(criteria.map((criterion) => [criterion.id, criterion]));
  const unknown: FieldError[] = [];
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  dto.scores.forEach((score, index) => {
    const criterion = byId.get(score.criterionId.toLowerCase());
    if (!criterion) {
      unknown.push({ field: `scores[${index}].criterionId`, messages: [`${score.criterionId} is not a criterion of this call`] });
      return;
    }
    if (seen.has(criterion.id)) fields.push({ field: `scores[${index}].criterionId`, messages: ['each criterion is scored once'] });
    seen.add(criterion.id);
    if (score.score < 1 || score.score > criterion.maxScore) {
      fields.push({ field: `scores[${index}].score`, messages: [`${criterion.name} is scored from 1 to ${criterion.maxScore}`] });
    }
  });
  if (unknown.length > 0) throw new DomainError(ErrorCode.UnknownCriterion, 'Scores must be on criteria of this call', unknown);
  const missing = criteria.filter((criterion) => !seen.has(criterion.id));
  if (missing.length > 0) fields.push({ field: 'scores', messages: missing.map((criterion) => `${criterion.name} needs a score`) });
  if (fields.length > 0) throw new ValidationError(fields);
}
