import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { preparedRows, queryRows } from '../common/database-queries';
import { NotFoundError } from '../common/errors/domain-error';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { generateSecretToken, hashSecretToken } from '../common/secret-token';
import { AppConfig } from '../config/app-config';
import { CalendarFeedToken } from './calendar-feed-token.entity';
import { CalendarMeetingRow, CalendarReads, CalendarSessionRow } from './calendar-reads.service';
import { CalendarFeedResponse, CalendarFeedStatusResponse } from './dto/calendar-feed.dto';
import { feedCalendarText, IcsReader } from './ics/calendar-ics';

/** How long a cancelled meeting stays in feeds (as STATUS:CANCELLED) so subscribed calendars learn of it. */
export const CANCELLED_KEPT_DAYS = 30;

/** What calendar apps are told about how often to poll (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
const REFRESH_MINUTES = 15;

/** Feed texts kept in memory (about 30 kB each for a busy investor). */
const FEED_TEXTS_KEPT = 2_000;

/** A feed answer: the calendar, or "not modified" when the client already holds this version. */
export interface FeedAnswer {
  etag: string;
  notModified: boolean;
  body: string;
}

/** Private calendar subscription links: create or renew, revoke, and serve the feed they name. */
@Injectable()
export class CalendarFeedsService {
  private readonly texts = new Map<string, string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(CalendarFeedToken) private readonly tokens: Repository<CalendarFeedToken>,
    private readonly reads: CalendarReads,
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

  /**
   * The feed text, remembered by what it is made of: a feed is a pure function of its rows, and calendar apps poll
   * feeds that mostly did not change. ical-generator 10 folds lines with a TextEncoder per character (fixed in 11,
   * which needs Node 22), which makes writing a feed cost several milliseconds; this keeps that to the polls after a
   * change. Bounded, and per process: a cold process or another replica just writes the text again.
   */
  private feedText(reader: IcsReader, meetings: CalendarMeetingRow[], sessions: CalendarSessionRow[]): string {
    const key = createHash('sha256').update(JSON.stringify([reader, meetings, sessions])).digest('base64url');
    let text = this.texts.get(key);
    if (text === undefined) {
      text = feedCalendarText(reader, meetings, sessions, REFRESH_MINUTES);
      if (this.texts.size >= FEED_TEXTS_KEPT) this.texts.delete(this.texts.keys().next().value!);
      this.texts.set(key, text);
    }
    return text;
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
    // One statement from the token to its owner: feeds are polled all day long.
    const [reader] = await preparedRows<IcsReader>(
      this.dataSource.manager,
      `SELECT u.id AS "userId", u.name, u.email, u.language::text AS language
         FROM calendar_feed_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1`,
      [hashSecretToken(token)],
    );
    if (!reader) throw new NotFoundError('Calendar feed');
    const cancelledSince = new Date(Date.now() - CANCELLED_KEPT_DAYS * 86_400_000);
    const [meetings, sessions] = await Promise.all([this.reads.meetingsOf(reader.userId, { cancelledSince }), this.reads.sessionsOf(reader.userId, {})]);
    const body = this.feedText(reader, meetings, sessions);
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
