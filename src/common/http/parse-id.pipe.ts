import { Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { NotFoundError } from '../errors/domain-error';

/** Path ids that are not UUIDs cannot name anything: answer 404, as for any unknown record. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new NotFoundError('Resource');
    return value;
  }
}
