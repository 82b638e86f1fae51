import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparedRows, queryRows } from '../common/database-queries';
import { DomainError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';

/** What a client sends: printable ASCII, at most 200 characters (a UUID is the usual choice). */
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * The Idempotency-Key header of the request, or undefined when none was sent. A key that is empty, too long or not
 * printable ASCII is a 400.
 */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
    throw new ValidationError([{ field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1 to 200 printable ASCII characters'] }]);
  }
  return value;
});

/** Method, route and body of a request, hashed: the same key sent with another request is refused. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`).digest('hex');
}

/** JSON with object keys sorted, so the same body always hashes the same. */
function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([first], [second]) => (first < second ? -1 : first > second ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export interface IdempotentCall {
  userId: string;
  /** The Idempotency-Key header; without one the work simply runs. */
  key: string | undefined;
  fingerprint: string;
  /** The status the answer is given with (stored, so a replay answers the same). */
  status: number;
}

/** An Idempotency-Key's record as stored: the request it came with, and its answer. */
export interface IdempotencyRecordRow {
  fingerprint: string;
  status: number | null;
  body: unknown;
}

/**
 * A check found that an earlier call with the same key has committed meanwhile (it read the record in the same
 * statement that saw the earlier call's effect): the caller answers with the stored answer instead of the refusal.
 */
export class EarlierAnswerFound extends Error {
  constructor(readonly record: IdempotencyRecordRow) {
    super('An earlier call with this Idempotency-Key has finished');
  }
}

export interface IdempotentAnswer<T> {
  status: number;
  body: T;
  /** True when this is the stored answer of an earlier call with the same key. */
  replayed: boolean;
}

/**
 * Runs a write at most once per person and Idempotency-Key. Must be called inside the transaction of the write, before
 * it: the record is inserted first (ON CONFLICT DO NOTHING), so a concurrent duplicate waits on the primary key until
 * the first call commits, then finds its record and gets the stored answer. If the first call fails, its transaction
 * takes the record with it and a retry runs afresh. The same key with a different request is a 422.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The stored answer of an earlier, finished call with this key, looked up before any checks run: a retry then gets
   * the first answer even if the checks would now refuse it (the booking window has closed since). Null when there is
   * none yet; a concurrent first call is settled by `run` inside the transaction.
   */
  async lookup<T>(call: IdempotentCall): Promise<IdempotentAnswer<T> | null> {
    if (call.key === undefined) return null;
    const [record] = await preparedRows<{ fingerprint: string; status: number | null; body: T }>(
      this.dataSource.manager,
      `SELECT request_fingerprint AS fingerprint, response_status AS status, response_body AS body
       FROM idempotency_records WHERE user_id = $1 AND key = $2`,
      [call.userId, call.key],
    );
    if (!record) return null;
    return this.answerFrom(record, call);
  }

  /** The stored answer of a record read elsewhere (see EarlierAnswerFound); the same key with another request is a 422. */
  answerFrom<T>(record: IdempotencyRecordRow, call: IdempotentCall): IdempotentAnswer<T> | null {
    if (record.fingerprint !== call.fingerprint) throw keyReused();
    return record.status === null ? null : { status: record.status, body: record.body as T, replayed: true };
  }

  async run<T>(manager: EntityManager, call: IdempotentCall, work: () => Promise<T>): Promise<IdempotentAnswer<T>> {
    if (call.key === undefined) return { status: call.status, body: await work(), replayed: false };
    const inserted = await preparedRows<{ key: string }>(
      manager,
      `INSERT INTO idempotency_records (user_id, key, request_fingerprint) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
      [call.userId, call.key, call.fingerprint],
    );
    if (inserted.length === 0) return this.replay<T>(manager, call);
    const body = await work();
    await preparedRows(manager, 'UPDATE idempotency_records SET response_status = $3, response_body = $4::jsonb WHERE user_id = $1 AND key = $2', [
      call.userId,
      call.key,
      call.status,
      JSON.stringify(body),
    ]);
    return { status: call.status, body, replayed: false };
  }

  private async replay<T>(manager: EntityManager, call: IdempotentCall): Promise<IdempotentAnswer<T>> {
    const [record] = await queryRows<{ fingerprint: string; status: number | null; body: T }>(
      manager,
      `SELECT request_fingerprint AS fingerprint, response_status AS status, response_body AS body
       FROM idempotency_records WHERE user_id = $1 AND key = $2`,
      [call.userId, call.key],
    );
    if (!record) {
      // The conflicting record went away again (deleted between the two statements): the client may simply retry.
      throw new DomainError(ErrorCode.ConcurrentUpdate, 'Another request with this Idempotency-Key got in the way; try again');
    }
    if (record.fingerprint !== call.fingerprint) {
      throw keyReused();
    }
    if (record.status === null) {
      // Written and committed in one transaction with its answer, a record never lacks one; be safe all the same.
      throw new DomainError(ErrorCode.ConcurrentUpdate, 'The first request with this Idempotency-Key has not finished');
    }
    return { status: record.status, body: record.body, replayed: true };
  }
}

function keyReused(): DomainError {
  return new DomainError(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was sent before with another request; use a new key');
}
