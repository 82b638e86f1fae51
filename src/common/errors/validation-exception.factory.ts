import type { ValidationError as ClassValidatorError } from 'class-validator';
import { FieldError, ValidationError } from './domain-error';

function flatten(errors: ClassValidatorError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return own.concat(flatten(error.children ?? [], field));
  });
}

/** Turns class-validator's output into the `validation_failed` problem with one entry per offending field. */
export function validationExceptionFactory(errors: ClassValidatorError[]): ValidationError {
  return new ValidationError(flatten(errors));
}
