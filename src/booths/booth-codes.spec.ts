import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boothCodeRangeProblems, expandBoothCodes, isValidBoothCode, MAX_BOOTHS_PER_BATCH, normalizeBoothCode } from './booth-codes';

describe('expandBoothCodes', () => {
  it('gives C-01 to C-20 for the cosmetics pavilion', () => {
    const codes = expandBoothCodes({ prefix: 'C-', from: 1, to: 20, digits: 2 });
    assert.equal(codes.length, 20);
    assert.equal(codes[0], 'C-01');
    assert.equal(codes[6], 'C-07');
    assert.equal(codes[19], 'C-20');
    assert.equal(new Set(codes).size, 20);
  });

  it('does not cut numbers longer than the padding', () => {
    assert.deepEqual(expandBoothCodes({ prefix: 'B-', from: 99, to: 101, digits: 2 }), ['B-99', 'B-100', 'B-101']);
  });

  it('works without a prefix and without padding', () => {
    assert.deepEqual(expandBoothCodes({ prefix: '', from: 8, to: 10, digits: 1 }), ['8', '9', '10']);
  });

  it('upper-cases the prefix and keeps Korean letters', () => {
    assert.deepEqual(expandBoothCodes({ prefix: 'c-', from: 1, to: 1, digits: 2 }), ['C-01']);
    assert.deepEqual(expandBoothCodes({ prefix: '바이오-', from: 3, to: 3, digits: 2 }), ['바이오-03']);
  });

  it('gives a single code when from equals to', () => {
    assert.deepEqual(expandBoothCodes({ prefix: 'M-', from: 5, to: 5, digits: 3 }), ['M-005']);
  });
});

describe('boothCodeRangeProblems', () => {
  it('accepts a sensible range', () => {
    assert.deepEqual(boothCodeRangeProblems({ prefix: 'C-', from: 1, to: 20, digits: 2 }), []);
  });

  it('rejects a range that runs backwards', () => {
    assert.deepEqual(boothCodeRangeProblems({ prefix: 'C-', from: 20, to: 1, digits: 2 }).map((problem) => problem.field), ['to']);
  });

  it('rejects more booths than one batch may create', () => {
    assert.equal(boothCodeRangeProblems({ prefix: 'C-', from: 1, to: MAX_BOOTHS_PER_BATCH, digits: 3 }).length, 0);
    const problems = boothCodeRangeProblems({ prefix: 'C-', from: 1, to: MAX_BOOTHS_PER_BATCH + 1, digits: 3 });
    assert.equal(problems[0].field, 'to');
  });

  it('rejects prefixes that make invalid or overlong codes', () => {
    for (const prefix of ['C--', 'C ', '-C', 'C_', 'A'.repeat(19)]) {
      const problems = boothCodeRangeProblems({ prefix, from: 1, to: 20, digits: 2 });
      assert.equal(problems[0]?.field, 'prefix', `prefix ${JSON.stringify(prefix)}`);
    }
  });
});

describe('booth codes', () => {
  it('are normalized trimmed and upper-case', () => {
    assert.equal(normalizeBoothCode('  c-07 '), 'C-07');
  });

  it('are letters and digits joined by single separators', () => {
    for (const code of ['C-07', 'B1.12', 'HALL3/A-1', '바이오-03', '7']) assert.ok(isValidBoothCode(code), code);
    for (const code of ['', 'C-', '-07', 'C--07', 'C 07', 'C_07', 'C-07!', 'X'.repeat(21)]) assert.ok(!isValidBoothCode(code), code);
  });
});
