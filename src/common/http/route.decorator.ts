import { applyDecorators, HttpCode, HttpStatus, SetMetadata, Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiDefaultResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiResponse,
  ApiSecurity,
} from '@nestjs/swagger';

export const PUBLIC_ROUTE = 'matchday:public-route';
export const PLATFORM_ADMIN_ROUTE = 'matchday:platform-admin-route';
export const SESSION_CHECKED_BY_FIRST_READ = 'matchday:session-checked-by-first-read';

export interface RouteOptions {
  summary: string;
  description?: string;
  /** Served without a token (a token, if sent, still identifies the caller). Routes are private by default. */
  public?: boolean;
  /** Only platform administrators. */
  platformAdmin?: boolean;
  /**
   * The guard checks the token but leaves the check that its session is still signed in to the handler's first read,
   * which makes it in the same statement (one round trip fewer on a hot route). Only for event routes whose every path
   * starts with an event access read (EventAccessService, ConsultationAccessService.requireRound): it answers 401 for
   * a signed-out session before anything is read for the caller or written. (Input checks, which read nothing, still
   * come first: a malformed body or id answers its 400 or 404 before the session is known.)
   */
  sessionCheckedByFirstRead?: boolean;
  /** Success body; omit for 204 No Content. */
  response?: Type<unknown> | [Type<unknown>];
  status?: HttpStatus;
}

/**
 * Everything a route declares besides its path: who may call it, its success status, and its OpenAPI
 * description (including the problem+json error body every route can answer with).
 */
export function Route(options: RouteOptions): MethodDecorator {
  const status = options.status ?? (options.response ? HttpStatus.OK : HttpStatus.NO_CONTENT);
  const decorators = [
    ApiOperation({ summary: options.summary, description: options.description }),
    HttpCode(status),
    ApiDefaultResponse({
      description: 'A problem (RFC 9457) with a stable `code`',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemResponse' } } },
    }),
    options.response
      ? ApiResponse({ status, type: options.response })
      : status === HttpStatus.NO_CONTENT
        ? ApiNoContentResponse({ description: 'Done' })
        : ApiResponse({ status, description: 'OK' }),
  ];
  if (options.public) {
    decorators.push(SetMetadata(PUBLIC_ROUTE, true), ApiSecurity({}));
  } else {
    decorators.push(ApiBearerAuth());
  }
  if (options.platformAdmin) {
    decorators.push(SetMetadata(PLATFORM_ADMIN_ROUTE, true));
  }
  if (options.sessionCheckedByFirstRead) {
    // A public route has no session to check, and an admin route answers before any event read.
    if (options.public || options.platformAdmin) throw new Error('sessionCheckedByFirstRead is for private event routes only');
    decorators.push(SetMetadata(SESSION_CHECKED_BY_FIRST_READ, true));
  }
  return applyDecorators(...decorators);
}
