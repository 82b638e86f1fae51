import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldError, ValidationError } from '../errors/domain-error';

function findNulCharacters(value: unknown, path: string, found: FieldError[]): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push({ field: path || 'value', messages: [`${path || 'value'} must not contain NUL characters`] });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findNulCharacters(item, `${path}[${index}]`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) findNulCharacters(item, path ? `${path}.${key}` : key, found);
  }
}

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in a body, query or path would fail in the database.
 * Refusing it here, for every route at once, makes that a 400 naming the field.
 */
@Injectable()
export class RejectNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const found: FieldError[] = [];
    findNulCharacters(value, metadata.type === 'param' ? (metadata.data ?? '') : '', found);
    if (found.length > 0) throw new ValidationError(found);
    return value;
  }
}
