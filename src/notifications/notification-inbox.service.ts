import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../common/database-queries';
import { NotFoundError } from '../common/errors/domain-error';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { Language } from '../users/language';
import { UsersService } from '../users/users.service';
import { ListNotificationsQuery, MarkedReadResponse, NotificationListResponse, NotificationResponse, UnreadCountResponse } from './dto/notification.dto';
import { NotificationKind } from './notification.enums';
import { notificationTitle } from './notification-messages';

interface InboxRow {
  id: string;
  kind: NotificationKind;
  eventId: string | null;
  meetingId: string | null;
  requestId: string | null;
  sessionId: string | null;
  roundId: string | null;
  offsetMinutes: number | null;
  payload: Record<string, unknown>;
  dueAt: Date;
  readAt: Date | null;
}

/** The rows a person sees in the app: theirs, due, not withdrawn or skipped, and not of a kind they muted. */
const VISIBLE = `n.recipient_user_id = $1 AND n.due_at <= now() AND n.status NOT IN ('cancelled', 'skipped')
  AND NOT EXISTS (SELECT 1 FROM notification_mutes m WHERE m.user_id = n.recipient_user_id AND m.kind = n.kind)`;

const INBOX_COLUMNS = `n.id, n.kind::text AS kind, n.event_id AS "eventId", n.meeting_id AS "meetingId", n.request_id AS "requestId",
  n.session_id AS "sessionId", n.round_id AS "roundId", n.offset_minutes AS "offsetMinutes", n.payload, n.due_at AS "dueAt", n.read_at AS "readAt"`;

/** In-app notifications: the same rows the emails go out from. */
@Injectable()
export class NotificationInboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  async list(user: AuthenticatedUser, query: ListNotificationsQuery): Promise<NotificationListResponse> {
    const [rows, language, unread] = await Promise.all([
      queryRows<InboxRow>(
        this.dataSource.manager,
        `SELECT ${INBOX_COLUMNS} FROM notifications n WHERE ${VISIBLE} ${query.unread ? 'AND n.read_at IS NULL' : ''}
          ORDER BY n.due_at DESC, n.id LIMIT $2 OFFSET $3`,
        [user.id, query.limit ?? 50, query.offset ?? 0],
      ),
      this.languageOf(user),
      this.unreadCount(user),
    ]);
    return { items: rows.map((row) => present(row, language)), unreadCount: unread.unreadCount };
  }

  async unreadCount(user: AuthenticatedUser): Promise<UnreadCountResponse> {
    const [row] = await queryRows<{ count: number }>(this.dataSource.manager, `SELECT count(*)::int AS count FROM notifications n WHERE ${VISIBLE} AND n.read_at IS NULL`, [
      user.id,
    ]);
    return { unreadCount: row.count };
  }

  /** Yours only: anyone else's (or one not yet due) is a 404. Marking twice keeps the first time. */
  async markRead(user: AuthenticatedUser, notificationId: string): Promise<NotificationResponse> {
    const [row] = await queryRows<InboxRow>(
      this.dataSource.manager,
      `UPDATE notifications n SET read_at = COALESCE(n.read_at, now()) WHERE n.id = $2 AND ${VISIBLE} RETURNING ${INBOX_COLUMNS}`,
      [user.id, notificationId],
    );
    if (!row) throw new NotFoundError('Notification');
    return present(row, await this.languageOf(user));
  }

  async markAllRead(user: AuthenticatedUser): Promise<MarkedReadResponse> {
    const rows = await queryRows<{ id: string }>(this.dataSource.manager, `UPDATE notifications n SET read_at = now() WHERE ${VISIBLE} AND n.read_at IS NULL RETURNING n.id`, [
      user.id,
    ]);
    return { marked: rows.length };
  }

  private async languageOf(user: AuthenticatedUser): Promise<Language> {
    return (await this.users.findById(user.id))?.language ?? Language.English;
  }
}

function present(row: InboxRow, language: Language): NotificationResponse {
  return {
    id: row.id,
    kind: row.kind,
    title: notificationTitle(row.kind, language),
    eventId: row.eventId,
    meetingId: row.meetingId,
    requestId: row.requestId,
    sessionId: row.sessionId,
    roundId: row.roundId,
    offsetMinutes: row.offsetMinutes,
    details: row.payload,
    at: row.dueAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}
