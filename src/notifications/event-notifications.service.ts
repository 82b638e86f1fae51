import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { queryRows } from '../common/database-queries';
import { NotFoundError } from '../common/errors/domain-error';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventAccessService } from '../events/event-access.service';
import { PersonSummary, UsersService } from '../users/users.service';
import { DeliveryResponse, ListDeliveriesQuery } from './dto/notification.dto';
import { EventNotificationSettingsResponse, UpdateEventNotificationSettingsDto } from './dto/notification-settings.dto';
import { offsetsOfEvent } from './event-offsets';
import { NotificationOutbox } from './notification-outbox.service';
import { DEFAULT_ON_SITE_OFFSETS_MINUTES, DEFAULT_REMINDER_OFFSETS_MINUTES, DeliveryStatus } from './notification.enums';

interface DeliveryRow {
  id: string;
  kind: DeliveryResponse['kind'];
  status: DeliveryStatus;
  recipientId: string;
  meetingId: string | null;
  requestId: string | null;
  sessionId: string | null;
  roundId: string | null;
  dueAt: Date;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
}

const DELIVERY_COLUMNS = `n.id, n.kind::text AS kind, n.status::text AS status, n.recipient_user_id AS "recipientId",
  n.meeting_id AS "meetingId", n.request_id AS "requestId", n.session_id AS "sessionId", n.round_id AS "roundId", n.due_at AS "dueAt",
  n.attempts, n.last_error AS "lastError", n.sent_at AS "sentAt"`;

/** Organizers: an event's reminder offsets, and its deliveries (failed ones first of all). */
@Injectable()
export class EventNotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventAccess: EventAccessService,
    private readonly users: UsersService,
    private readonly outbox: NotificationOutbox,
  ) {}

  async getSettings(user: AuthenticatedUser, eventId: string): Promise<EventNotificationSettingsResponse> {
    await this.eventAccess.requireOrganizer(user, eventId);
    return this.readSettings(eventId);
  }

  /**
   * The event's meetings still to come get their reminders rewritten to the new offsets, in the same transaction;
   * session reminders follow at the next reconciliation (those already written keep their offsets).
   */
  async updateSettings(user: AuthenticatedUser, eventId: string, dto: UpdateEventNotificationSettingsDto): Promise<EventNotificationSettingsResponse> {
    await this.eventAccess.requireOrganizer(user, eventId);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO event_notification_settings (event_id, reminder_offsets_minutes, on_site_offsets_minutes)
         VALUES ($1, COALESCE($2::int[], $4::int[]), COALESCE($3::int[], $5::int[]))
         ON CONFLICT (event_id) DO UPDATE
            SET reminder_offsets_minutes = COALESCE($2::int[], event_notification_settings.reminder_offsets_minutes),
                on_site_offsets_minutes = COALESCE($3::int[], event_notification_settings.on_site_offsets_minutes), updated_at = now()`,
        [eventId, dto.reminderOffsetsMinutes ?? null, dto.onSiteOffsetsMinutes ?? null, DEFAULT_REMINDER_OFFSETS_MINUTES, DEFAULT_ON_SITE_OFFSETS_MINUTES],
      );
      await this.outbox.eventOffsetsChanged(manager, eventId);
    });
    return this.readSettings(eventId);
  }

  async listDeliveries(user: AuthenticatedUser, eventId: string, query: ListDeliveriesQuery): Promise<DeliveryResponse[]> {
    await this.eventAccess.requireOrganizer(user, eventId);
    const rows = await queryRows<DeliveryRow>(
      this.dataSource.manager,
      `SELECT ${DELIVERY_COLUMNS} FROM notifications n WHERE n.event_id = $1 AND n.status = $2 ORDER BY n.due_at DESC, n.id LIMIT 500`,
      [eventId, query.status ?? DeliveryStatus.Failed],
    );
    const people = await this.users.findByIds([...new Set(rows.map((row) => row.recipientId))]);
    return rows.map((row) => presentDelivery(row, people));
  }

  /** One delivery of the event; one of another event is a 404. */
  async getDelivery(user: AuthenticatedUser, eventId: string, notificationId: string): Promise<DeliveryResponse> {
    await this.eventAccess.requireOrganizer(user, eventId);
    if (!isUUID(notificationId)) throw new NotFoundError('Delivery');
    const [row] = await queryRows<DeliveryRow>(
      this.dataSource.manager,
      `SELECT ${DELIVERY_COLUMNS} FROM notifications n WHERE n.id = $1 AND n.event_id = $2`,
      [notificationId, eventId],
    );
    if (!row) throw new NotFoundError('Delivery');
    return presentDelivery(row, await this.users.findByIds([row.recipientId]));
  }

  private async readSettings(eventId: string): Promise<EventNotificationSettingsResponse> {
    const offsets = await offsetsOfEvent(this.dataSource.manager, eventId);
    return { eventId, reminderOffsetsMinutes: [...offsets.reminder], onSiteOffsetsMinutes: [...offsets.onSite] };
  }
}

function presentDelivery(row: DeliveryRow, people: Map<string, PersonSummary>): DeliveryResponse {
  const person = people.get(row.recipientId);
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    recipient: { id: row.recipientId, name: person?.name ?? '', email: person?.email ?? '' },
    meetingId: row.meetingId,
    requestId: row.requestId,
    sessionId: row.sessionId,
    roundId: row.roundId,
    dueAt: row.dueAt.toISOString(),
    attempts: row.attempts,
    lastError: row.lastError,
    sentAt: row.sentAt ? row.sentAt.toISOString() : null,
  };
}
