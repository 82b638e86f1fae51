import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { AuthenticatedUser } from './authenticated-user';

/** The signed-in caller; on a private route the guard has already ensured there is one. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
  if (!user) throw new DomainError(ErrorCode.Unauthenticated);
  return user;
});

/** The caller if a valid token was sent, else undefined: for public routes that show more to members. */
export const OptionalUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser | undefined =>
    context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user,
);
