import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { PLATFORM_ADMIN_ROUTE, PUBLIC_ROUTE, SESSION_CHECKED_BY_FIRST_READ } from '../common/http/route.decorator';
import { SESSION_CHECK_DEFERRED, SessionCheckRequest } from './jwt.strategy';

/**
 * Deny by default: every route needs a valid access token unless `@Route({ public: true })`. On public routes a
 * token, if sent and valid, still identifies the caller; an invalid one is ignored there. The token's session is
 * checked here too, except on routes whose first read checks it (`sessionCheckedByFirstRead`).
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true;
    const request = context.switchToHttp().getRequest<SessionCheckRequest & { headers: Record<string, unknown>; user?: AuthenticatedUser }>();
    if (isPublic) {
      if (request.headers.authorization) {
        await (super.canActivate(context) as Promise<boolean>).catch(() => false);
      }
      return true;
    }
    if (this.reflector.getAllAndOverride<boolean>(SESSION_CHECKED_BY_FIRST_READ, targets) === true) request[SESSION_CHECK_DEFERRED] = true;
    await (super.canActivate(context) as Promise<boolean>);
    if (this.reflector.getAllAndOverride<boolean>(PLATFORM_ADMIN_ROUTE, targets) && !request.user?.isPlatformAdmin) {
      throw new DomainError(ErrorCode.RouteNotFound);
    }
    return true;
  }

  override handleRequest<TUser = AuthenticatedUser>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'A valid access token is required');
    return user;
  }
}
