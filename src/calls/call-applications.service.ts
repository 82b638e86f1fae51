import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isConstraintViolation, queryRows } from '../common/database-queries';
import { DomainError, FieldError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { OrganizationKind } from '../organizations/organization.enums';
import { OrganizationsService } from '../organizations/organizations.service';
import { AnswerInputValue, checkAnswers } from './answers';
import { ApplicationAccess, CallAccessService } from './call-access.service';
import { CallApplicationStatus } from './call.enums';
import { CallApplication } from './call-application.entity';
import { ApplicationViewer, CallPresenter } from './call-presenter.service';
import { CallQuestion } from './call-question.entity';
import { Call } from './call.entity';
import {
  CallApplicationResponse,
  CallDecisionDto,
  CreateCallApplicationDto,
  ListCallApplicationsQuery,
  UpdateCallApplicationDto,
} from './dto/application.dto';

/** The columns of an application, as a CallApplication. */
const APPLICATION_COLUMNS = `id, call_id AS "callId", event_id AS "eventId", organization_id AS "organizationId", status::text AS status,
  decision::text AS decision, decision_note AS "decisionNote", review_comments_shared AS "reviewCommentsShared",
  submitted_at AS "submittedAt", withdrawn_at AS "withdrawnAt", decided_at AS "decidedAt", created_by_id AS "createdById",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * Applications to a call: a startup drafts, edits and submits before the call closes (every time rule is part of the
 * conditional statement that writes, so a late write changes nothing), or withdraws; the call's managers decide.
 */
@Injectable()
export class CallApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CallAccessService,
    private readonly organizationsService: OrganizationsService,
    private readonly presenter: CallPresenter,
  ) {}

  /** A member of a startup starts its application (a draft), with any answers so far, until the call closes. */
  async apply(user: AuthenticatedUser, eventId: string, callId: string, dto: CreateCallApplicationDto): Promise<CallApplicationResponse> {
    const { call } = await this.access.requireCall(user, eventId, callId);
    const organization = await this.organizationsService.get(user, dto.organizationId);
    if (organization.myRole === null) {
      throw new DomainError(ErrorCode.NotOrganizationMember, 'Only members of the organization may apply for it', [
        { field: 'organizationId', messages: ['you must be a member of this organization'] },
      ]);
    }
    if (organization.kind !== OrganizationKind.Startup) {
      throw new ValidationError([{ field: 'organizationId', messages: ['only startups apply to calls'] }]);
    }
    // Hosts are not startups when the challenge opens, but a company's kind can change since.
    if (organization.id === call.hostOrganizationId) {
      throw new DomainError(ErrorCode.OwnChallenge, `${organization.name} hosts this challenge and cannot apply to it`, [
        { field: 'organizationId', messages: ['this organization hosts the challenge'] },
      ]);
    }
    const application = await this.dataSource.transaction(async (manager) => {
      await lockQuestions(manager, callId);
      const answers = await checkedAnswers(manager, callId, dto.answers ?? []);
      let rows: CallApplication[];
      try {
        rows = await queryRows<CallApplication>(
          manager,
          `INSERT INTO call_applications (call_id, event_id, organization_id, created_by_id)
           SELECT c.id, c.event_id, $2, $3 FROM calls c WHERE c.id = $1 AND c.closes_at > now()
           RETURNING ${APPLICATION_COLUMNS}`,
          [callId, organization.id, user.id],
        );
      } catch (error) {
        if (isConstraintViolation(error, 'call_applications_one_per_organization')) {
          throw new DomainError(ErrorCode.AlreadyAppliedToCall, `${organization.name} has already applied to this call`, [
            { field: 'organizationId', messages: ['this organization already has an application for this call'] },
          ]);
        }
        throw error;
      }
      if (rows.length === 0) throw closed(call);
      await writeAnswers(manager, rows[0].id, callId, answers);
      return rows[0];
    });
    return this.one(call, application, { userId: user.id, canManage: false, isApplicant: true, isReviewer: false });
  }

  /** Managers see every submitted (or withdrawn) application; others their own organizations' and those they review. */
  async list(user: AuthenticatedUser, eventId: string, callId: string, query: ListCallApplicationsQuery): Promise<CallApplicationResponse[]> {
    const { call, canManage } = await this.access.requireCall(user, eventId, callId);
    const mine = await this.organizationsService.organizationIdsOf(user.id);
    const parameters: unknown[] = [callId, canManage, mine, user.id];
    let status = '';
    if (query.status) {
      parameters.push(query.status);
      status = `AND a.status = $${parameters.length}`;
    }
    const rows = await queryRows<CallApplication & { isReviewer: boolean }>(
      this.dataSource.manager,
      `SELECT ${prefixed('a')},
              EXISTS (SELECT 1 FROM call_review_assignments x WHERE x.application_id = a.id AND x.reviewer_user_id = $4) AS "isReviewer"
         FROM call_applications a
        WHERE a.call_id = $1 ${status}
          AND (($2 AND a.status <> 'draft') OR a.organization_id = ANY($3::uuid[])
               OR EXISTS (SELECT 1 FROM call_review_assignments x WHERE x.application_id = a.id AND x.reviewer_user_id = $4))
        ORDER BY a.submitted_at NULLS LAST, a.created_at, a.id`,
      parameters,
    );
    const applicantOf = new Set(mine);
    return this.presenter.applications(call, rows, (application) => ({
      userId: user.id,
      canManage: canManage && application.status !== CallApplicationStatus.Draft,
      isApplicant: applicantOf.has(application.organizationId),
      isReviewer: (application as CallApplication & { isReviewer: boolean }).isReviewer,
    }));
  }

  async get(user: AuthenticatedUser, eventId: string, callId: string, applicationId: string): Promise<CallApplicationResponse> {
    const access = await this.access.requireApplication(user, eventId, callId, applicationId);
    return this.one(access.call, access.application, viewerOf(user, access));
  }

  /**
   * The applicant sets or removes answers while the application is a draft or submitted and the call has not closed.
   * The conditional UPDATE locks the application, so edits and the submission run one after the other; a submitted
   * application must keep every required answer.
   */
  async update(
    user: AuthenticatedUser,
    eventId: string,
    callId: string,
    applicationId: string,
    dto: UpdateCallApplicationDto,
  ): Promise<CallApplicationResponse> {
    const access = await this.access.requireApplicant(user, eventId, callId, applicationId);
    const application = await this.dataSource.transaction(async (manager) => {
      await lockQuestions(manager, callId);
      const answers = await checkedAnswers(manager, callId, dto.answers);
      const [row] = await queryRows<CallApplication>(
        manager,
        `UPDATE call_applications a SET updated_at = now()
           FROM calls c
          WHERE a.id = $1 AND c.id = a.call_id AND a.status IN ('draft', 'submitted') AND c.closes_at > now()
         RETURNING ${prefixed('a')}`,
        [applicationId],
      );
      if (!row) throw await this.refusal(manager, applicationId, 'changed');
      await writeAnswers(manager, applicationId, callId, answers);
      if (row.status === CallApplicationStatus.Submitted) await requireAnswered(manager, applicationId, callId);
      return row;
    });
    return this.one(access.call, application, viewerOf(user, access));
  }

  /**
   * Submits a draft: one UPDATE that succeeds only for a draft, while the call is open, with every required question
   * answered. When it changes nothing, the answer says which rule refused it.
   */
  async submit(user: AuthenticatedUser, eventId: string, callId: string, applicationId: string): Promise<CallApplicationResponse> {
    const access = await this.access.requireApplicant(user, eventId, callId, applicationId);
    const application = await this.dataSource.transaction(async (manager) => {
      const [row] = await queryRows<CallApplication>(
        manager,
        `UPDATE call_applications a SET status = 'submitted', submitted_at = now(), updated_at = now()
           FROM calls c
          WHERE a.id = $1 AND c.id = a.call_id AND a.status = 'draft' AND c.opens_at <= now() AND c.closes_at > now()
            AND NOT EXISTS (
              SELECT 1 FROM call_questions q
               WHERE q.call_id = c.id AND q.required
                 AND NOT EXISTS (SELECT 1 FROM call_answers ans WHERE ans.application_id = a.id AND ans.question_id = q.id))
         RETURNING ${prefixed('a')}`,
        [applicationId],
      );
      if (row) return row;
      throw await this.refusal(manager, applicationId, 'submitted');
    });
    return this.one(access.call, application, viewerOf(user, access));
  }

  /**
   * The applicant withdraws a draft or a submitted application, also while it is under review after the call closed
   * (a selection not yet published then no longer counts, and the place goes to someone else). Once the results are
   * published a selected application stays: its place is in a running order or a collaboration, so the startup asks
   * the organizers instead. The call's row is locked for share first, so a withdrawal and the publication run one after
   * the other.
   */
  async withdraw(user: AuthenticatedUser, eventId: string, callId: string, applicationId: string): Promise<CallApplicationResponse> {
    const access = await this.access.requireApplicant(user, eventId, callId, applicationId);
    const application = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM calls WHERE id = $1 FOR SHARE', [callId]);
      const [row] = await queryRows<CallApplication>(
        manager,
        `UPDATE call_applications a SET status = 'withdrawn', withdrawn_at = now(), updated_at = now()
           FROM calls c
          WHERE a.id = $1 AND c.id = a.call_id AND a.status IN ('draft', 'submitted')
            AND (c.results_published_at IS NULL OR a.decision IS DISTINCT FROM 'selected')
         RETURNING ${prefixed('a')}`,
        [applicationId],
      );
      if (row) return row;
      const [current] = await queryRows<{ status: CallApplicationStatus }>(manager, 'SELECT status::text AS status FROM call_applications WHERE id = $1', [
        applicationId,
      ]);
      if (current?.status === CallApplicationStatus.Submitted) {
        throw new DomainError(
          ErrorCode.ResultsPublished,
          'The results are published and this application is selected; it can no longer be withdrawn, so tell the organizers if you cannot take part',
        );
      }
      throw new DomainError(ErrorCode.ApplicationNotEditable, 'The application is already withdrawn');
    });
    return this.one(access.call, application, viewerOf(user, access));
  }

  /**
   * Managers decide on a submitted application. The call's row is locked first (as changes to its places are), then
   * one conditional UPDATE selects only while fewer than `places` are selected, unless `overPlaces` says to go beyond.
   * Decisions are final once the results are published (publishing updates that row, so it waits for the lock too).
   * A decision sent without `note` keeps the note given before; `note: null` removes it.
   */
  async decide(user: AuthenticatedUser, eventId: string, callId: string, applicationId: string, dto: CallDecisionDto): Promise<CallApplicationResponse> {
    const access = await this.access.requireApplicationManager(user, eventId, callId, applicationId);
    const application = await this.dataSource.transaction(async (manager) => {
      const [{ places, resultsPublishedAt }] = await queryRows<{ places: number; resultsPublishedAt: Date | null }>(
        manager,
        'SELECT places, results_published_at AS "resultsPublishedAt" FROM calls WHERE id = $1 FOR UPDATE',
        [callId],
      );
      if (resultsPublishedAt !== null) {
        throw new DomainError(ErrorCode.ResultsPublished, `The results were published at ${new Date(resultsPublishedAt).toISOString()}; decisions no longer change`);
      }
      const [row] = await queryRows<CallApplication>(
        manager,
        `UPDATE call_applications a
            SET decision = $2::call_decision, decided_at = now(), updated_at = now(),
                decision_note = CASE WHEN $7 THEN $3 ELSE a.decision_note END,
                review_comments_shared = COALESCE($4, a.review_comments_shared)
          WHERE a.id = $1 AND a.status = 'submitted'
            AND ($2::call_decision <> 'selected' OR $5 OR (
              SELECT count(*) FROM call_applications s
               WHERE s.call_id = a.call_id AND s.id <> a.id AND s.status = 'submitted' AND s.decision = 'selected') < $6)
         RETURNING ${prefixed('a')}`,
        [applicationId, dto.decision, dto.note ?? null, dto.shareReviewComments ?? null, dto.overPlaces ?? false, places, dto.note !== undefined],
      );
      if (row) return row;
      const [current] = await queryRows<{ status: CallApplicationStatus }>(manager, 'SELECT status::text AS status FROM call_applications WHERE id = $1', [
        applicationId,
      ]);
      if (current?.status !== CallApplicationStatus.Submitted) {
        throw new DomainError(ErrorCode.ApplicationNotSubmitted, `The application is ${current?.status ?? 'gone'}; only submitted ones are decided on`);
      }
      throw new DomainError(ErrorCode.PlacesFilled, `All ${places} place(s) are taken; send overPlaces: true to select beyond them`, [
        { field: 'overPlaces', messages: [`every one of the ${places} place(s) is taken`] },
      ]);
    });
    return this.one(access.call, application, viewerOf(user, access));
  }

  /** Why a conditional write on the application changed nothing: its status, or the call's times, or missing answers. */
  private async refusal(manager: EntityManager, applicationId: string, action: string): Promise<DomainError> {
    const [row] = await queryRows<{ status: CallApplicationStatus; opensAt: Date; closesAt: Date; callId: string }>(
      manager,
      `SELECT a.status::text AS status, c.opens_at AS "opensAt", c.closes_at AS "closesAt", c.id AS "callId"
         FROM call_applications a JOIN calls c ON c.id = a.call_id WHERE a.id = $1`,
      [applicationId],
    );
    if (!row) return new NotFoundError('Application');
    if (row.status === CallApplicationStatus.Withdrawn) {
      return new DomainError(ErrorCode.ApplicationNotEditable, `The application is withdrawn and can no longer be ${action}`);
    }
    if (action === 'submitted' && row.status === CallApplicationStatus.Submitted) {
      return new DomainError(ErrorCode.AlreadySubmitted, 'The application is already submitted; it stays editable until the call closes');
    }
    const now = Date.now();
    if (now >= new Date(row.closesAt).getTime()) {
      return new DomainError(ErrorCode.CallClosed, `The call closed at ${new Date(row.closesAt).toISOString()}; the application can no longer be ${action}`);
    }
    if (now < new Date(row.opensAt).getTime()) {
      return new DomainError(ErrorCode.CallNotOpen, `The call opens at ${new Date(row.opensAt).toISOString()}`);
    }
    return missingAnswers(await unanswered(manager, applicationId, row.callId));
  }

  private async one(call: Call, application: CallApplication, viewer: ApplicationViewer): Promise<CallApplicationResponse> {
    const [response] = await this.presenter.applications(call, [application], () => viewer);
    return response;
  }
}

function viewerOf(user: AuthenticatedUser, access: ApplicationAccess): ApplicationViewer {
  return {
    userId: user.id,
    canManage: access.canManage && access.application.status !== CallApplicationStatus.Draft,
    isApplicant: access.isApplicant,
    isReviewer: access.isReviewer,
  };
}

/**
 * Locks the call's row for share until the transaction ends: replacing the questions locks it for update, so the
 * questions checked after this are the ones the answers are written against.
 */
async function lockQuestions(manager: EntityManager, callId: string): Promise<void> {
  await manager.query('SELECT id FROM calls WHERE id = $1 FOR SHARE', [callId]);
}

/** The answers checked against the call's questions (read in the caller's transaction): unknown questions are a 422, bad values a 400. */
async function checkedAnswers(manager: EntityManager, callId: string, answers: AnswerInputValue[]): Promise<ReturnType<typeof checkAnswers>> {
  if (answers.length === 0) return { set: [], removed: [], unknown: [], invalid: [] };
  const questions = await manager.getRepository(CallQuestion).find({ where: { callId } });
  const checked = checkAnswers(questions, answers);
  if (checked.unknown.length > 0) {
    throw new DomainError(ErrorCode.UnknownQuestion, 'Answers must be to questions of this call', checked.unknown);
  }
  if (checked.invalid.length > 0) throw new ValidationError(checked.invalid);
  return checked;
}

/** Every column of call_applications under a table alias, as a CallApplication. */
function prefixed(alias: string): string {
  return APPLICATION_COLUMNS.split(',')
    .map((column) => `${alias}.${column.trim()}`)
    .join(', ');
}

/** Upserts and removes answers in the caller's transaction; the composite foreign key keeps them to the call's questions. */
async function writeAnswers(manager: EntityManager, applicationId: string, callId: string, answers: ReturnType<typeof checkAnswers>): Promise<void> {
  if (answers.set.length > 0) {
    await manager.query(
      `INSERT INTO call_answers (application_id, question_id, call_id, value)
       SELECT $1, r.question_id, $2, r.value FROM jsonb_to_recordset($3::jsonb) AS r(question_id uuid, value text)
       ON CONFLICT (application_id, question_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [applicationId, callId, JSON.stringify(answers.set.map((answer) => ({ question_id: answer.questionId, value: answer.value })))],
    );
  }
  if (answers.removed.length > 0) {
    await manager.query('DELETE FROM call_answers WHERE application_id = $1 AND question_id = ANY($2::uuid[])', [applicationId, answers.removed]);
  }
}

async function unanswered(manager: EntityManager, applicationId: string, callId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    manager,
    `SELECT q.id FROM call_questions q
      WHERE q.call_id = $2 AND q.required
        AND NOT EXISTS (SELECT 1 FROM call_answers a WHERE a.application_id = $1 AND a.question_id = q.id)
      ORDER BY q.position`,
    [applicationId, callId],
  );
  return rows.map((row) => row.id);
}

async function requireAnswered(manager: EntityManager, applicationId: string, callId: string): Promise<void> {
  const missing = await unanswered(manager, applicationId, callId);
  if (missing.length > 0) throw missingAnswers(missing);
}

function missingAnswers(questionIds: string[]): DomainError {
  const fields: FieldError[] = questionIds.map((id) => ({ field: `answers.${id}`, messages: ['this required question needs an answer'] }));
  return new DomainError(ErrorCode.AnswersMissing, `${questionIds.length} required question(s) are not answered`, fields);
}

function closed(call: Call): DomainError {
  return new DomainError(ErrorCode.CallClosed, `The call closed at ${call.closesAt.toISOString()}`);
}
