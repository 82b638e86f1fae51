import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { queryRows } from '../common/database-queries';
import { NotFoundError } from '../common/errors/domain-error';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { generateSecretToken, hashSecretToken } from '../common/secret-token';
import { AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';
import { CalendarFeedToken } from './calendar-feed-token.entity';
import { CalendarReads } from './calendar-reads.service';
import { CalendarFeedResponse, CalendarFeedStatusResponse } from './dto/calendar-feed.dto';
import { feedCalendarText } from './ics/calendar-ics';

/** How long a cancelled meeting stays in feeds (as STATUS:CANCELLED) so subscribed calendars learn of it. */
export const CANCELLED_KEPT_DAYS = 30;

/** What calendar apps are told about how often to poll (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
const REFRESH_MINUTES = 15;

/** A feed answer: the calendar, or "not modified" when the client already holds this version. */
export interface FeedAnswer {
  etag: string;
  notModified: boolean;
  body: string;
}

/** Private calendar subscription links: create or renew, revoke, and serve the feed they name. */
@Injectable()
export class CalendarFeedsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(CalendarFeedToken) private readonly tokens: Repository<CalendarFeedToken>,
    private readonly reads: CalendarReads,
    private readonly usersService: UsersService,
    private readonly config: AppConfig,
  ) {}

  /** A new link (replacing any earlier one, which stops working at once). The token is shown here only. */
  async renew(user: AuthenticatedUser): Promise<CalendarFeedResponse> {
    const token = generateSecretToken();
    const [row] = await queryRows<{ createdAt: Date }>(
      this.dataSource.manager,
      `INSERT INTO calendar_feed_tokens (user_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()
       RETURNING created_at AS "createdAt"`,
      [user.id, hashSecretToken(token)],
    );
    const url = new URL(`/calendar-feeds/${token}.ics`, this.config.PUBLIC_BASE_URL);
    return { url: url.toString(), webcalUrl: url.toString().replace(/^https?:/, 'webcal:'), createdAt: row.createdAt.toISOString() };
  }

  async status(user: AuthenticatedUser): Promise<CalendarFeedStatusResponse> {
    const token = await this.tokens.findOne({ where: { userId: user.id } });
    return { active: token !== null, createdAt: token ? token.createdAt.toISOString() : null };
  }

  async revoke(user: AuthenticatedUser): Promise<void> {
    await this.tokens.delete({ userId: user.id });
  }

  /**
   * The feed of the person whose token this is: every meeting they are a party to (cancelled ones for
   * CANCELLED_KEPT_DAYS after the cancellation) and every session they speak at or signed up for. Unknown, renewed or
   * revoked tokens are a 404. The ETag is the text's hash, so a client polling with If-None-Match gets a 304.
   */
  async feed(token: string, ifNoneMatch: string | undefined): Promise<FeedAnswer> {
    const owner = await this.tokens.findOne({ where: { tokenHash: hashSecretToken(token) } });
    if (!owner) throw new NotFoundError('Calendar feed');
    const reader = await this.usersService.findById(owner.userId);
    if (!reader) throw new NotFoundError('Calendar feed');
    const cancelledSince = new Date(Date.now() - CANCELLED_KEPT_DAYS * 86_400_000);
    const [meetings, sessions] = await Promise.all([this.reads.meetingsOf(reader.id, { cancelledSince }), this.reads.sessionsOf(reader.id, {})]);
    const body = feedCalendarText({ userId: reader.id, name: reader.name, email: reader.email, language: reader.language }, meetings, sessions, REFRESH_MINUTES);
    const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
    return { etag, notModified: matches(ifNoneMatch, etag), body };
  }
}

/** If-None-Match holds a list of tags, or *; weak tags compare by their opaque part. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
