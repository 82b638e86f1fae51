import { FieldError } from '../common/errors/domain-error';

/** Most booths one batch may create: a whole pavilion fits, a typo like `to: 20000` does not. */
export const MAX_BOOTHS_PER_BATCH = 500;
export const MAX_BOOTH_CODE_LENGTH = 20;

/** Letters or digits in groups joined by single `-`, `.` or `/`: "C-07", "B1.12", "바이오-03". */
const BOOTH_CODE = /^[\p{L}\p{N}]+([-./][\p{L}\p{N}]+)*$/u;

export interface BoothCodeRange {
  /** Put before each number, e.g. "C-". */
  prefix: string;
  from: number;
  to: number;
  /** Numbers are zero-padded to this many digits (2 gives "C-07"); longer numbers are not cut. */
  digits: number;
}

/** Codes are signs on the floor: "c-07 " and "C-07" name the same booth, so they are stored trimmed and upper-case. */
export function normalizeBoothCode(code: string): string {
  return code.trim().toUpperCase();
}

export function isValidBoothCode(code: string): boolean {
  return code.length <= MAX_BOOTH_CODE_LENGTH && BOOTH_CODE.test(code);
}

function codeAt(range: BoothCodeRange, number: number): string {
  return normalizeBoothCode(`${range.prefix}${String(number).padStart(range.digits, '0')}`);
}

/** What is wrong with a range, field by field (empty when it can be expanded). */
export function boothCodeRangeProblems(range: BoothCodeRange): FieldError[] {
  if (range.to < range.from) return [{ field: 'to', messages: ['to must not be below from'] }];
  const count = range.to - range.from + 1;
  if (count > MAX_BOOTHS_PER_BATCH) {
    return [{ field: 'to', messages: [`a batch creates at most ${MAX_BOOTHS_PER_BATCH} booths (this range has ${count})`] }];
  }
  // Codes grow monotonically in length, so the first and the last are the only ones that can be invalid.
  const invalid = [codeAt(range, range.from), codeAt(range, range.to)].filter((code) => !isValidBoothCode(code));
  if (invalid.length > 0) {
    return [{ field: 'prefix', messages: [`prefix gives invalid booth codes: ${[...new Set(invalid)].join(', ')}`] }];
  }
  return [];
}

/** Every code of the range in order, e.g. C-01 … C-20. Call boothCodeRangeProblems first. */
export function expandBoothCodes(range: BoothCodeRange): string[] {
  const codes: string[] = [];
  for (let number = range.from; number <= range.to; number += 1) codes.push(codeAt(range, number));
  return codes;
}
