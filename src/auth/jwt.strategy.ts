import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { AccessTokenPayload, AuthService } from './auth.service';

/** Set by JwtAuthGuard on a request whose route checks the session in its first read. */
export const SESSION_CHECK_DEFERRED = Symbol('matchday:session-check-deferred');

export interface SessionCheckRequest {
  [SESSION_CHECK_DEFERRED]?: true;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: AppConfig,
    private readonly authService: AuthService,
  ) {
    // A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it as a public key on every
    // verify, which cost about 5% of the API's CPU under load. passport-jwt's types predate KeyObject support.
    const accessKey = createSecretKey(Buffer.from(config.JWT_ACCESS_SECRET, 'utf8')) as unknown as Buffer;
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (_request: unknown, _rawToken: unknown, done: (error: Error | null, key: Buffer) => void) => done(null, accessKey),
      algorithms: ['HS256'],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  /** Returning false makes passport answer 401. */
  async validate(request: SessionCheckRequest, payload: AccessTokenPayload): Promise<AuthenticatedUser | false> {
    if (request[SESSION_CHECK_DEFERRED]) {
      // Without a session id there is nothing the first read could confirm: refused here, as the check itself would.
      if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string') return false;
      return { id: payload.sub, sessionId: payload.sid, isPlatformAdmin: payload.adm === true, sessionUnconfirmed: true };
    }
    return (await this.authService.authenticate(payload)) ?? false;
  }
}
