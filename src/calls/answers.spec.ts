import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerValue, checkAnswers, QuestionRules } from './answers';
import { QuestionKind } from './call.enums';
import { competitionOf } from './competition';

const question = (id: string, kind: QuestionKind, extra: Partial<QuestionRules> = {}): QuestionRules => ({
  id,
  kind,
  required: true,
  choices: [],
  minValue: null,
  maxValue: null,
  ...extra,
});

const TEXT = '00000000-0000-4000-8000-000000000001';
const CHOICE = '00000000-0000-4000-8000-000000000002';
const LINK = '00000000-0000-4000-8000-000000000003';
const NUMBER = '00000000-0000-4000-8000-000000000004';
const QUESTIONS = [
  question(TEXT, QuestionKind.Text),
  question(CHOICE, QuestionKind.Choice, { choices: ['Digital device', 'Advanced material'] }),
  question(LINK, QuestionKind.Link),
  question(NUMBER, QuestionKind.Number, { minValue: 0, maxValue: 500 }),
];

describe('call answers', () => {
  it('takes answers that fit their questions, trimmed, numbers in decimal form', () => {
    const checked = checkAnswers(QUESTIONS, [
      { questionId: TEXT, value: '  UV dose meter  ' },
      { questionId: CHOICE, value: 'Digital device' },
      { questionId: LINK.toUpperCase(), value: 'https://motionbank.example/deck.pdf' },
      { questionId: NUMBER, value: 12.5 },
    ]);
    assert.deepEqual(checked.unknown, []);
    assert.deepEqual(checked.invalid, []);
    assert.deepEqual(checked.set, [
      { questionId: TEXT, value: 'UV dose meter' },
      { questionId: CHOICE, value: 'Digital device' },
      { questionId: LINK, value: 'https://motionbank.example/deck.pdf' },
      { questionId: NUMBER, value: '12.5' },
    ]);
    assert.equal(answerValue(QuestionKind.Number, '12.5'), 12.5);
    assert.equal(answerValue(QuestionKind.Text, '12.5'), '12.5');
  });

  it('names unknown questions apart from answers that do not fit', () => {
    const checked = checkAnswers(QUESTIONS, [
      { questionId: '00000000-0000-4000-8000-0000000000ff', value: 'x' },
      { questionId: CHOICE, value: 'Generative AI' },
      { questionId: LINK, value: 'javascript:alert(1)' },
      { questionId: NUMBER, value: 501 },
      { questionId: TEXT, value: 7 },
      { questionId: TEXT, value: 'twice' },
    ]);
    assert.deepEqual(checked.unknown.map((field) => field.field), ['answers[0].questionId']);
    assert.deepEqual(
      checked.invalid.map((field) => field.field),
      ['answers[1].value', 'answers[2].value', 'answers[3].value', 'answers[4].value', 'answers[5].questionId'],
    );
  });

  it('removes an answer sent as null, and refuses an empty one', () => {
    const checked = checkAnswers(QUESTIONS, [
      { questionId: TEXT, value: null },
      { questionId: CHOICE, value: '   ' },
    ]);
    assert.deepEqual(checked.removed, [TEXT]);
    assert.deepEqual(checked.invalid.map((field) => field.field), ['answers[1].value']);
  });
});

describe('competition ratio', () => {
  it('gives applicants per place as the press does', () => {
    assert.deepEqual(competitionOf(34, 2), { applicants: 34, places: 2, ratio: 17, label: '17:1' });
    assert.equal(competitionOf(15, 10).label, '1.5:1');
    assert.equal(competitionOf(10, 3).label, '3.33:1');
    assert.equal(competitionOf(0, 5).label, '0:1');
  });
});
