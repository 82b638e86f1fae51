import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArgumentsHost, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';
import { ProblemDetailsFilter } from './problem-details.filter';

interface Captured {
  status?: number;
  type?: string;
  body?: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Runs the filter on `exception` with a stub request and response, returning what it answered. */
function answer(exception: unknown): Captured {
  const captured: Captured = { headers: {} };
  // A Fastify request and reply, as far as the filter uses them.
  const response = {
    raw: {},
    code(status: number) {
      captured.status = status;
      return this;
    },
    headers(given: Record<string, string>) {
      Object.assign(captured.headers, given);
      captured.type = given['content-type']?.split(';')[0];
      return this;
    },
    send(body: string) {
      captured.body = JSON.parse(body);
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ id: 'request-1', raw: { url: '/events/1' } }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return captured;
}

function databaseError(code: string): QueryFailedError {
  return new QueryFailedError('UPDATE x', [], Object.assign(new Error('database said no'), { code }));
}

describe('ProblemDetailsFilter', () => {
  it('answers a domain error with its status, stable code, fields and the request id', () => {
    const result = answer(new DomainError(ErrorCode.SlugTaken, 'taken', [{ field: 'slug', messages: ['slug is already in use'] }]));
    assert.equal(result.status, 409);
    assert.equal(result.type, 'application/problem+json');
    assert.equal(result.body?.code, 'slug_taken');
    assert.equal(result.body?.type, '/problems/slug_taken');
    assert.equal(result.body?.requestId, 'request-1');
    assert.deepEqual(result.body?.errors, [{ field: 'slug', messages: ['slug is already in use'] }]);
  });

  it('turns a lost deadlock or serialization race into a 409 the client may retry', () => {
    assert.equal(answer(databaseError('40P01')).body?.code, 'concurrent_update');
    assert.equal(answer(databaseError('40001')).status, 409);
  });

  it('hides anything unexpected behind a plain 500 with the request id', () => {
    const result = answer(databaseError('XX000'));
    assert.equal(result.status, 500);
    assert.equal(result.body?.code, 'internal_error');
    assert.equal(result.body?.detail, undefined);
    assert.doesNotMatch(JSON.stringify(result.body), /database said no|UPDATE/);
  });

  it('maps framework HTTP errors to stable codes', () => {
    assert.equal(answer(new NotFoundException()).body?.code, 'route_not_found');
  });
});
