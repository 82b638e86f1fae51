import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { AccessTokenPayload, AuthService } from './auth.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: AppConfig,
    private readonly authService: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.JWT_ACCESS_SECRET,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /** Returning false makes passport answer 401. */
  async validate(payload: AccessTokenPayload): Promise<AuthenticatedUser | false> {
    return (await this.authService.authenticate(payload)) ?? false;
  }
}
