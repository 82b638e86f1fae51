import { ErrorCode } from './error-code';

export interface FieldError {
  /** Path of the offending field, e.g. `endsOn` or `profile.website`. */
  field: string;
  messages: string[];
}

/** An expected failure with a stable code; the global filter turns it into a problem+json response. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly fields: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? code);
    this.name = 'DomainError';
  }
}

/** Not found, or not visible to the caller: both answer the same so nothing leaks. */
export class NotFoundError extends DomainError {
  constructor(resource: string) {
    super(ErrorCode.NotFound, `${resource} not found`);
  }
}

export class ValidationError extends DomainError {
  constructor(fields: FieldError[], detail = 'One or more fields are invalid') {
    super(ErrorCode.ValidationFailed, detail, fields);
  }
}
