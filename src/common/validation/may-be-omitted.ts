import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but not sent as null (unlike `@IsOptional()`, which lets null through): for fields
 * whose column always holds a value, so a `null` is a 400 rather than a failed write.
 */
export const MayBeOmitted = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
