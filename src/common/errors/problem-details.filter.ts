import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { DomainError, FieldError } from './domain-error';
import { ERROR_STATUS, ERROR_TITLE, ErrorCode } from './error-code';

class FieldErrorResponse {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ type: [String], example: ['email must be an email'] }) messages!: string[];
}

/** RFC 9457 problem details, with a stable `code` and the request's correlation id. */
export class ProblemResponse {
  @ApiProperty({ example: '/problems/validation_failed' }) type!: string;
  @ApiProperty({ example: 'The request has invalid fields' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorCode' }) code!: ErrorCode;
  @ApiPropertyOptional() detail?: string;
  @ApiProperty({ example: '/events' }) instance!: string;
  @ApiProperty({ description: 'Correlation id; also in the x-request-id header and the logs' }) requestId!: string;
  @ApiPropertyOptional({ type: [FieldErrorResponse] }) errors?: FieldError[];
  @ApiPropertyOptional({ description: 'Readiness only: the state of each dependency' }) checks?: unknown;
}

function codeForHttpStatus(status: number): ErrorCode {
  switch (status) {
    case HttpStatus.NOT_FOUND:
      return ErrorCode.RouteNotFound;
    case HttpStatus.UNAUTHORIZED:
      return ErrorCode.Unauthenticated;
    case HttpStatus.FORBIDDEN:
      return ErrorCode.Forbidden;
    case HttpStatus.TOO_MANY_REQUESTS:
      return ErrorCode.TooManyAttempts;
    case HttpStatus.SERVICE_UNAVAILABLE:
      return ErrorCode.ServiceUnavailable;
    default:
      return status >= 500 ? ErrorCode.InternalError : ErrorCode.MalformedRequest;
  }
}

function isTransientConflict(exception: unknown): boolean {
  const sqlState = exception instanceof QueryFailedError ? (exception.driverError as { code?: string }).code : undefined;
  return sqlState === '40P01' || sqlState === '40001';
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    this.answer(exception, context.getRequest(), context.getResponse());
  }

  /**
   * Answers `exception` as a problem document: on a route's request and reply, on the bare Node ones where a middleware
   * (the queue dashboard's guard) threw, or for what Fastify refuses before routing (see createApiApplication).
   */
  answer(exception: unknown, request: FastifyRequest | IncomingMessage, response: FastifyReply | ServerResponse): void {
    // Middie keeps the address as sent in originalUrl and cuts its mount path off url.
    const rawRequest: IncomingMessage & { id?: unknown; originalUrl?: string } = 'raw' in request ? request.raw : request;
    // Fastify's request id (see createApiApplication), which the request log shows too; middleware sees it on the Node
    // request.
    const requestId = String(('raw' in request ? request.id : rawRequest.id) ?? randomUUID());
    const headers: Record<string, string> = { 'x-request-id': requestId };

    let code: ErrorCode;
    let status: number;
    let detail: string | undefined;
    let fields: FieldError[] = [];
    let checks: unknown;
    if (exception instanceof DomainError) {
      code = exception.code;
      status = ERROR_STATUS[code];
      detail = exception.detail;
      fields = exception.fields;
      Object.assign(headers, exception.headers);
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      code = codeForHttpStatus(status);
      detail = status >= 500 ? undefined : exception.message;
      if (status === HttpStatus.SERVICE_UNAVAILABLE) {
        // Readiness checks answer 503 with each dependency's state; that is what an operator wants to see.
        const payload = exception.getResponse();
        checks = typeof payload === 'object' && payload !== null && 'details' in payload ? payload.details : undefined;
      }
    } else if (isTransientConflict(exception)) {
      // PostgreSQL chose this transaction as the loser of a deadlock or serialization race: nothing was written,
      // and the same request can simply be sent again.
      code = ErrorCode.ConcurrentUpdate;
      status = ERROR_STATUS[code];
    } else {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
      code = ErrorCode.InternalError;
    }
    if (status >= 500 && status !== HttpStatus.SERVICE_UNAVAILABLE) {
      this.logger.error({ err: exception, requestId }, 'Unhandled error');
    }

    const body: ProblemResponse = {
      type: `/problems/${code}`,
      title: ERROR_TITLE[code],
      status,
      code,
      ...(detail ? { detail } : {}),
      instance: rawRequest.originalUrl ?? rawRequest.url ?? '/',
      requestId,
      ...(fields.length > 0 ? { errors: fields } : {}),
      ...(checks ? { checks } : {}),
    };
    headers['content-type'] = 'application/problem+json; charset=utf-8';
    const text = JSON.stringify(body);
    if ('raw' in response) response.code(status).headers(headers).send(text);
    else response.writeHead(status, headers).end(text);
  }
}
