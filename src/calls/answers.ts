import { FieldError } from '../common/errors/domain-error';
import { QuestionKind } from './call.enums';

/** What answer checking needs of a question. */
export interface QuestionRules {
  id: string;
  kind: QuestionKind;
  required: boolean;
  choices: string[];
  minValue: number | null;
  maxValue: number | null;
}

export interface AnswerInputValue {
  questionId: string;
  value: string | number | null;
}

export interface CheckedAnswers {
  /** Answers to write: question id and the stored text. */
  set: Array<{ questionId: string; value: string }>;
  /** Questions whose answer is removed. */
  removed: string[];
  /** Question ids named that are not questions of the call (the caller answers 422 for these). */
  unknown: FieldError[];
  /** Answers that do not fit their question (400). */
  invalid: FieldError[];
}

const LINK = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/**
 * Checks answers against the call's questions: each named question must be the call's, named once, and its value must
 * fit its kind (a non-empty text, one of the choices, an http(s) link, a number within the bounds). Numbers are stored
 * in their decimal form; text is trimmed.
 */
export function checkAnswers(questions: QuestionRules[], answers: AnswerInputValue[]): CheckedAnswers {
  const byId = new Map(questions.map((question) => [question.id.toLowerCase(), question]));
  const result: CheckedAnswers = { set: [], removed: [], unknown: [], invalid: [] };
  const seen = new Set<string>();
  answers.forEach((answer, index) => {
    const field = `answers[${index}]`;
    const id = answer.questionId.toLowerCase();
    const question = byId.get(id);
    if (!question) {
      result.unknown.push({ field: `${field}.questionId`, messages: [`${answer.questionId} is not a question of this call`] });
      return;
    }
    if (seen.has(id)) {
      result.invalid.push({ field: `${field}.questionId`, messages: ['each question may be answered once per request'] });
      return;
    }
    seen.add(id);
    if (answer.value === null) {
      result.removed.push(question.id);
      return;
    }
    const stored = storedValue(question, answer.value);
    if (typeof stored === 'string') result.set.push({ questionId: question.id, value: stored });
    else result.invalid.push({ field: `${field}.value`, messages: [stored.message] });
  });
  return result;
}

function storedValue(question: QuestionRules, value: string | number): string | { message: string } {
  if (question.kind === QuestionKind.Number) {
    if (typeof value !== 'number') return { message: 'this question takes a number' };
    if (question.minValue !== null && value < question.minValue) return { message: `the answer must be at least ${question.minValue}` };
    if (question.maxValue !== null && value > question.maxValue) return { message: `the answer must be at most ${question.maxValue}` };
    return String(value);
  }
  if (typeof value !== 'string') return { message: 'this question takes text' };
  const text = value.trim();
  if (text.length === 0) return { message: 'the answer must not be empty (send null to remove it)' };
  if (question.kind === QuestionKind.Choice && !question.choices.includes(text)) {
    return { message: `the answer must be one of: ${question.choices.join(', ')}` };
  }
  if (question.kind === QuestionKind.Link && !LINK.test(text)) return { message: 'the answer must be an http(s) link' };
  return text;
}

/** An answer as the API shows it: numbers as numbers. */
export function answerValue(kind: QuestionKind, stored: string): string | number {
  return kind === QuestionKind.Number ? Number(stored) : stored;
}
