import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { UsersService } from '../users/users.service';
import { LoginThrottleService } from './login-throttle.service';

/** Email and password sign-in; failures count towards the login throttle. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(
    private readonly usersService: UsersService,
    private readonly loginThrottle: LoginThrottleService,
  ) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  async validate(request: FastifyRequest, email: string, password: string): Promise<{ id: string }> {
    const address = request.ip ?? 'unknown';
    await this.loginThrottle.assertAllowed(email, address);
    const userId = await this.usersService.verifyCredentials(email, password);
    if (!userId) {
      await this.loginThrottle.recordFailure(email, address);
      throw new DomainError(ErrorCode.InvalidCredentials);
    }
    await this.loginThrottle.recordSuccess(email, address);
    return { id: userId };
  }
}
