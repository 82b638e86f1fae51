import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { preparedRows, queryRows } from '../common/database-queries';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { generateSecretToken, hashSecretToken } from '../common/secret-token';
import { RegisterUserDto, UserResponse } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { AuthSession, SessionEndReason } from './auth-session.entity';
import { liveSessionSql } from './live-session';
import { ChangePasswordDto, TokenResponse } from './dto/auth.dto';
import { RefreshToken } from './refresh-token.entity';

export interface AccessTokenPayload {
  sub: string;
  sid: string;
  adm: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

@Injectable()
export class AuthService {
  constructor(
    private readonly usersService: UsersService,
    private readonly jwtService: JwtService,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
  ) {}

  /** Creates the account and signs it in, in one transaction (used by sign-up and by invitation acceptance). */
  async register(dto: RegisterUserDto, userAgent: string | undefined, manager?: EntityManager): Promise<TokenResponse> {
    const run = async (transaction: EntityManager): Promise<TokenResponse> => {
      const user = await this.usersService.register(dto, transaction);
      return this.startSession(UserResponse.from(user), userAgent, transaction);
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async login(userId: string, userAgent: string | undefined): Promise<TokenResponse> {
    const user = await this.usersService.getById(userId);
    return this.dataSource.transaction((manager) => this.startSession(user, userAgent, manager));
  }

  /**
   * Exchanges a refresh token for new tokens. The token is claimed by one UPDATE, so of two racing uses only one
   * wins; a token that was already used means it leaked, and the whole session is revoked.
   */
  async refresh(refreshToken: string): Promise<TokenResponse> {
    const tokenHash = hashSecretToken(refreshToken);
    const rotated = await this.dataSource.transaction(async (manager) => {
      const claimed = await queryRows<{ session_id: string; user_id: string }>(
        manager,
        `UPDATE refresh_tokens AS token SET used_at = now()
           FROM auth_sessions AS session
          WHERE token.token_hash = $1 AND token.used_at IS NULL AND token.expires_at > now()
            AND session.id = token.session_id AND session.revoked_at IS NULL
        RETURNING token.session_id, session.user_id`,
        [tokenHash],
      );
      if (claimed.length === 0) return null;
      // On the transaction's connection: a transaction waiting for a second one could starve the pool.
      const user = await this.usersService.getById(claimed[0].user_id, manager);
      return this.issueTokens(user, claimed[0].session_id, manager);
    });
    if (rotated) return rotated;

    const reused = await this.refreshTokens.findOne({
      where: { tokenHash, usedAt: Not(IsNull()) },
    });
    if (reused) {
      await this.revokeSession(reused.sessionId, SessionEndReason.RefreshTokenReuse);
      throw new DomainError(ErrorCode.RefreshTokenReused);
    }
    throw new DomainError(ErrorCode.RefreshTokenInvalid);
  }

  async logout(user: AuthenticatedUser): Promise<void> {
    await this.revokeSession(user.sessionId, SessionEndReason.Logout);
  }

  /** Changes the password and signs out every other session of the account. */
  async changePassword(user: AuthenticatedUser, dto: ChangePasswordDto): Promise<void> {
    await this.usersService.changePassword(user, dto.currentPassword, dto.newPassword);
    await this.sessions.update(
        { userId: user.id, id: Not(user.sessionId), revokedAt: IsNull() },
        { revokedAt: () => 'now()', revokedReason: SessionEndReason.PasswordChange },
      );
  }

  /** Checks an access token's session is still live (sign-out takes effect at once, not at token expiry). */
  async authenticate(payload: AccessTokenPayload): Promise<AuthenticatedUser | null> {
    // Runs on every authenticated request: one prepared statement.
    const [session] = await preparedRows<{ live: boolean }>(
      this.dataSource.manager,
      `SELECT ${liveSessionSql('$1', '$2')} AS live`,
      [payload.sid, payload.sub],
    );
    return session.live ? { id: payload.sub, sessionId: payload.sid, isPlatformAdmin: payload.adm === true } : null;
  }

  /**
   * The caller of a raw access token, for what sits outside the route guard (the queue dashboard, served by its own Fastify plugin):
   * null when the token is invalid, expired or its session was signed out.
   */
  async userFromAccessToken(token: string): Promise<AuthenticatedUser | null> {
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwtService.verifyAsync<AccessTokenPayload>(token, { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    return this.authenticate(payload);
  }

  /** Deletes refresh tokens past expiry, and those of sessions revoked over a day ago; returns how many. */
  async purgeExpiredRefreshTokens(): Promise<number> {
    const [, deleted]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM refresh_tokens AS token USING auth_sessions AS session
        WHERE session.id = token.session_id
          AND (token.expires_at < now() OR session.revoked_at < now() - interval '1 day')`,
    );
    return deleted;
  }

  private async startSession(user: UserResponse, userAgent: string | undefined, manager: EntityManager): Promise<TokenResponse> {
    const session = await manager
      .getRepository(AuthSession)
      .save({ userId: user.id, userAgent: userAgent?.slice(0, 500) ?? null, revokedAt: null, revokedReason: null });
    return this.issueTokens(user, session.id, manager);
  }

  private async issueTokens(user: UserResponse, sessionId: string, manager: EntityManager): Promise<TokenResponse> {
    const refreshToken = generateSecretToken();
    const refreshTokenExpiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * DAY_MS);
    await manager
      .getRepository(RefreshToken)
      .insert({ sessionId, tokenHash: hashSecretToken(refreshToken), expiresAt: refreshTokenExpiresAt, usedAt: null });
    const payload: AccessTokenPayload = { sub: user.id, sid: sessionId, adm: user.isPlatformAdmin };
    const accessToken = await this.jwtService.signAsync(payload);
    return {
      tokenType: 'Bearer',
      accessToken,
      accessTokenExpiresAt: new Date(Date.now() + this.config.JWT_ACCESS_TTL_SECONDS * 1000),
      refreshToken,
      refreshTokenExpiresAt,
      user,
    };
  }

  private async revokeSession(sessionId: string, reason: SessionEndReason): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: () => 'now()', revokedReason: reason });
  }
}
