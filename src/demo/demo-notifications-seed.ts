import { EntityManager } from 'typeorm';
import { BOSTON_EVENT_SLUG } from './demo-consultations-data';

/**
 * The Boston demo's meetings as notifications: a confirmation to both people of every meeting that was agreed (held
 * or still confirmed) and a cancellation to both of every cancelled one, each at the time the meeting was
 * made. Startups read them in Korean and VCs in English, in the app at once and, once a worker runs, by email (as .eml
 * files under var/mail without SMTP_URL). One statement; the dedupe keys are the outbox's own, so a second run (or a
 * later change through the API) adds nothing twice.
 */
export async function seedDemoNotifications(manager: EntityManager): Promise<void> {
  await manager.query(
    `INSERT INTO notifications (recipient_user_id, event_id, kind, meeting_id, payload, due_at, dedupe_key)
     SELECT person.user_id, m.event_id, notice.kind::notification_kind, m.id,
            jsonb_build_object('startsAt', to_jsonb(m.starts_at), 'endsAt', to_jsonb(m.ends_at), 'version', m.version),
            m.created_at, notice.prefix || ':' || m.id || ':' || person.user_id
       FROM meetings m
       JOIN events e ON e.id = m.event_id AND e.slug = $1
      CROSS JOIN LATERAL (VALUES (m.host_user_id), (m.guest_user_id)) AS person(user_id)
      CROSS JOIN LATERAL (
        SELECT CASE WHEN m.status = 'cancelled' THEN 'meeting_cancelled' ELSE 'meeting_confirmed' END AS kind,
               CASE WHEN m.status = 'cancelled' THEN 'meeting-cancelled' ELSE 'meeting-confirmed' END AS prefix
      ) AS notice
      WHERE m.status IN ('confirmed', 'held', 'cancelled')
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [BOSTON_EVENT_SLUG],
  );
}
