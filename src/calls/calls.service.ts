import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isConstraintViolation, queryRows } from '../common/database-queries';
import { DomainError, FieldError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { parseZonedTime } from '../common/time/zoned-time';
import { EventAccessService } from '../events/event-access.service';
import { EventRole } from '../events/event.enums';
import { OrganizationKind } from '../organizations/organization.enums';
import { OrganizationsService } from '../organizations/organizations.service';
import { CallAccessService } from './call-access.service';
import { CallKind, QuestionKind } from './call.enums';
import { CallCriterion } from './call-criterion.entity';
import { CallPresenter } from './call-presenter.service';
import { CallQuestion } from './call-question.entity';
import { Call } from './call.entity';
import { CallCriterionInput, CallQuestionInput, CallResponse, CreateCallDto, ListCallsQuery, UpdateCallDto } from './dto/call.dto';

/**
 * Calls for applications: IR pitch places (opened by organizers) and open-innovation challenges (opened by organizers
 * or by a member of the host company). Questions and criteria come with the call and are replaced as a whole.
 */
@Injectable()
export class CallsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Call) private readonly calls: Repository<Call>,
    private readonly eventAccess: EventAccessService,
    private readonly access: CallAccessService,
    private readonly organizationsService: OrganizationsService,
    private readonly presenter: CallPresenter,
  ) {}

  async create(user: AuthenticatedUser, eventId: string, dto: CreateCallDto): Promise<CallResponse> {
    const { event, roles } = await this.eventAccess.requireMember(user, eventId);
    const isOrganizer = roles.includes(EventRole.Organizer);
    const hostOrganizationId = dto.hostOrganizationId ?? null;
    if (dto.kind === CallKind.IrPitch) {
      if (!isOrganizer) throw new DomainError(ErrorCode.Forbidden, 'Only organizers open IR pitch calls');
      if (hostOrganizationId) throw new ValidationError([{ field: 'hostOrganizationId', messages: ['only challenges have a host company'] }]);
    } else {
      if (!hostOrganizationId) throw new ValidationError([{ field: 'hostOrganizationId', messages: ['a challenge needs its host company'] }]);
      const host = await this.organizationsService.get(user, hostOrganizationId).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      });
      if (!host) throw new ValidationError([{ field: 'hostOrganizationId', messages: ['no such organization'] }]);
      // Startups are who apply; the host is the company bringing the problem.
      if (host.kind === OrganizationKind.Startup) {
        throw new ValidationError([{ field: 'hostOrganizationId', messages: ['a startup cannot host a challenge; the host is the company bringing the problem'] }]);
      }
      if (!isOrganizer && !(await this.organizationsService.isMember(user.id, hostOrganizationId))) {
        throw new DomainError(ErrorCode.Forbidden, "Only organizers, or members of the host company, open a company's challenge");
      }
    }
    const opensAt = parseTime(dto.opensAt, event.timeZone, 'opensAt');
    const closesAt = parseTime(dto.closesAt, event.timeZone, 'closesAt');
    requireOrdered(opensAt, closesAt);
    const questions = dto.questions ?? [];
    checkQuestions(questions);
    const call = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Call);
      const created = await repository.save(
        repository.create({
          eventId,
          kind: dto.kind,
          hostOrganizationId,
          title: dto.title,
          description: dto.description ?? '',
          eligibility: dto.eligibility ?? '',
          opensAt,
          closesAt,
          places: dto.places,
          resultsPublishedAt: null,
          createdById: user.id,
        }),
      );
      await writeQuestions(manager, created.id, questions);
      await writeCriteria(manager, created.id, dto.criteria ?? []);
      return created;
    });
    return this.one(call, event.timeZone, true);
  }

  async list(user: AuthenticatedUser, eventId: string, query: ListCallsQuery): Promise<CallResponse[]> {
    const { event, roles } = await this.eventAccess.requireVisible(user, eventId);
    const calls = await this.calls.find({ where: { eventId, ...(query.kind ? { kind: query.kind } : {}) }, order: { opensAt: 'ASC', id: 'ASC' } });
    const mine = new Set(await this.organizationsService.organizationIdsOf(user.id));
    const managed = new Set(
      calls
        .filter((call) => roles.includes(EventRole.Organizer) || (call.hostOrganizationId !== null && mine.has(call.hostOrganizationId)))
        .map((call) => call.id),
    );
    return this.presenter.calls(calls, event.timeZone, managed);
  }

  async get(user: AuthenticatedUser, eventId: string, callId: string): Promise<CallResponse> {
    const { call, event, canManage } = await this.access.requireCall(user, eventId, callId);
    return this.one(call, event.timeZone, canManage);
  }

  /**
   * Managers. Under the call's row lock (which decisions take too), so lowering `places` is checked against the
   * selections as they stand. Questions with answers and criteria with scores cannot be replaced: their foreign keys
   * refuse the delete, and the whole change is undone (answers and reviews read the form under a share lock on the
   * same row, so none is written against questions or criteria being replaced). Once the results are published the
   * opening and closing times stay as they were: moving them would reopen a decided call, or change who counts as
   * applying in time.
   */
  async update(user: AuthenticatedUser, eventId: string, callId: string, dto: UpdateCallDto): Promise<CallResponse> {
    const { event } = await this.access.requireManager(user, eventId, callId);
    if (dto.questions) checkQuestions(dto.questions);
    const call = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Call);
      const current = await repository.findOneOrFail({ where: { id: callId, eventId }, lock: { mode: 'pessimistic_write' } });
      const opensAt = dto.opensAt === undefined ? current.opensAt : parseTime(dto.opensAt, event.timeZone, 'opensAt');
      const closesAt = dto.closesAt === undefined ? current.closesAt : parseTime(dto.closesAt, event.timeZone, 'closesAt');
      if (current.resultsPublishedAt !== null) requireTimesKept(current, opensAt, closesAt);
      requireOrdered(opensAt, closesAt);
      if (dto.places !== undefined) {
        const [{ selected }] = await queryRows<{ selected: number }>(
          manager,
          `SELECT count(*)::int AS selected FROM call_applications WHERE call_id = $1 AND status = 'submitted' AND decision = 'selected'`,
          [callId],
        );
        if (selected > dto.places) {
          throw new DomainError(ErrorCode.PlacesBelowSelections, `${selected} applications are already selected`, [
            { field: 'places', messages: [`places must be at least ${selected}, the applications already selected`] },
          ]);
        }
      }
      await repository.update(
        { id: callId },
        {
          ...(dto.title !== undefined ? { title: dto.title } : {}),
          ...(dto.description !== undefined ? { description: dto.description } : {}),
          ...(dto.eligibility !== undefined ? { eligibility: dto.eligibility } : {}),
          ...(dto.places !== undefined ? { places: dto.places } : {}),
          opensAt,
          closesAt,
        },
      );
      try {
        if (dto.questions) {
          await manager.delete(CallQuestion, { callId });
          await writeQuestions(manager, callId, dto.questions);
        }
        if (dto.criteria) {
          await manager.delete(CallCriterion, { callId });
          await writeCriteria(manager, callId, dto.criteria);
        }
      } catch (error) {
        if (isConstraintViolation(error, 'call_answers_question_fk')) {
          throw new DomainError(ErrorCode.CallInUse, 'Applications have answered these questions; they can no longer be replaced', [
            { field: 'questions', messages: ['applications have answered the current questions'] },
          ]);
        }
        if (isConstraintViolation(error, 'call_review_scores_criterion_fk')) {
          throw new DomainError(ErrorCode.CallInUse, 'Reviews have scored these criteria; they can no longer be replaced', [
            { field: 'criteria', messages: ['reviews have scored the current criteria'] },
          ]);
        }
        throw error;
      }
      return repository.findOneOrFail({ where: { id: callId } });
    });
    return this.one(call, event.timeZone, true);
  }

  /**
   * Managers publish the decisions to the applicants, in one conditional UPDATE: only after the call has closed and
   * once every submitted application has a decision. Publishing again changes nothing.
   */
  async publish(user: AuthenticatedUser, eventId: string, callId: string): Promise<CallResponse> {
    const { event } = await this.access.requireManager(user, eventId, callId);
    const published = await queryRows<{ id: string }>(
      this.dataSource.manager,
      `UPDATE calls c SET results_published_at = now(), updated_at = now()
        WHERE c.id = $1 AND c.results_published_at IS NULL AND c.closes_at <= now()
          AND NOT EXISTS (SELECT 1 FROM call_applications a WHERE a.call_id = c.id AND a.status = 'submitted' AND a.decision IS NULL)
       RETURNING c.id`,
      [callId],
    );
    const call = await this.calls.findOneOrFail({ where: { id: callId } });
    if (published.length === 0 && call.resultsPublishedAt === null) {
      if (call.closesAt.getTime() > Date.now()) {
        throw new DomainError(ErrorCode.CallStillOpen, `The call takes applications until ${call.closesAt.toISOString()}; publish after it closes`);
      }
      const [{ undecided }] = await queryRows<{ undecided: number }>(
        this.dataSource.manager,
        `SELECT count(*)::int AS undecided FROM call_applications WHERE call_id = $1 AND status = 'submitted' AND decision IS NULL`,
        [callId],
      );
      throw new DomainError(ErrorCode.UndecidedApplications, `${undecided} submitted application(s) have no decision yet`);
    }
    return this.one(call, event.timeZone, true);
  }

  private async one(call: Call, timeZone: string, canManage: boolean): Promise<CallResponse> {
    const [response] = await this.presenter.calls([call], timeZone, new Set(canManage ? [call.id] : []));
    return response;
  }
}

function parseTime(value: string, timeZone: string, field: string): Date {
  const parsed = parseZonedTime(value, timeZone);
  if (!parsed.ok) throw new ValidationError([{ field, messages: [`${field} ${parsed.reason}`] }]);
  return parsed.instant;
}

function requireOrdered(opensAt: Date, closesAt: Date): void {
  if (closesAt <= opensAt) {
    throw new DomainError(ErrorCode.InvalidDateRange, 'The call must close after it opens', [
      { field: 'closesAt', messages: ['closesAt must come after opensAt'] },
    ]);
  }
}

/** After publication: the times may be sent again as they are, not moved. */
function requireTimesKept(current: Call, opensAt: Date, closesAt: Date): void {
  const moved: FieldError[] = [];
  if (opensAt.getTime() !== current.opensAt.getTime()) moved.push({ field: 'opensAt', messages: ['the results are published; the opening time no longer changes'] });
  if (closesAt.getTime() !== current.closesAt.getTime()) moved.push({ field: 'closesAt', messages: ['the results are published; the closing time no longer changes'] });
  if (moved.length > 0) {
    throw new DomainError(ErrorCode.ResultsPublished, `The results were published at ${current.resultsPublishedAt!.toISOString()}; the call's times no longer change`, moved);
  }
}

/** Choices only for choice questions (and at least one there), bounds only for number questions, in order. */
function checkQuestions(questions: CallQuestionInput[]): void {
  const fields: FieldError[] = [];
  questions.forEach((question, index) => {
    const field = `questions[${index}]`;
    const choices = question.choices ?? [];
    if (question.kind === QuestionKind.Choice && choices.length === 0) fields.push({ field: `${field}.choices`, messages: ['a choice question needs choices'] });
    if (question.kind !== QuestionKind.Choice && choices.length > 0) fields.push({ field: `${field}.choices`, messages: ['only choice questions have choices'] });
    const bounded = (question.minValue ?? null) !== null || (question.maxValue ?? null) !== null;
    if (question.kind !== QuestionKind.Number && bounded) fields.push({ field: `${field}.minValue`, messages: ['only number questions have bounds'] });
    if (question.minValue != null && question.maxValue != null && question.minValue > question.maxValue) {
      fields.push({ field: `${field}.maxValue`, messages: ['maxValue must not be below minValue'] });
    }
  });
  if (fields.length > 0) throw new ValidationError(fields);
}

async function writeQuestions(manager: EntityManager, callId: string, questions: CallQuestionInput[]): Promise<void> {
  if (questions.length === 0) return;
  await manager.getRepository(CallQuestion).insert(
    questions.map((question, index) => ({
      callId,
      position: index + 1,
      kind: question.kind,
      prompt: question.prompt,
      required: question.required ?? true,
      choices: question.choices ?? [],
      minValue: question.minValue ?? null,
      maxValue: question.maxValue ?? null,
    })),
  );
}

async function writeCriteria(manager: EntityManager, callId: string, criteria: CallCriterionInput[]): Promise<void> {
  if (criteria.length === 0) return;
  await manager.getRepository(CallCriterion).insert(
    criteria.map((criterion, index) => ({
      callId,
      position: index + 1,
      name: criterion.name,
      description: criterion.description ?? null,
      maxScore: criterion.maxScore,
    })),
  );
}
