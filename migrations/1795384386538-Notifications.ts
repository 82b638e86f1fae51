import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Notifications: the outbox / delivery / in-app table, mutes and per-event reminder offsets.
 * Reviewed: notification_kind, used by two tables, is created once and dropped once, after both tables.
 */
export class Notifications1795384386538 implements MigrationInterface {
    name = 'Notifications1795384386538'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "event_notification_settings" (
                "event_id" uuid NOT NULL,
                "reminder_offsets_minutes" integer array NOT NULL,
                "on_site_offsets_minutes" integer array NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "event_notification_settings_offsets" CHECK (
                    cardinality("reminder_offsets_minutes") <= 5
                    AND cardinality("on_site_offsets_minutes") <= 5
                ),
                CONSTRAINT "event_notification_settings_pkey" PRIMARY KEY ("event_id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."notification_kind" AS ENUM(
                'meeting_reminder',
                'session_reminder',
                'request_received',
                'request_accepted',
                'request_declined',
                'request_expired',
                'meeting_confirmed',
                'meeting_rescheduled',
                'meeting_cancelled',
                'booking_window_opening',
                'booking_window_closing',
                'outcome_prompt',
                'daily_digest'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "notification_mutes" (
                "user_id" uuid NOT NULL,
                "kind" "public"."notification_kind" NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "notification_mutes_not_cancellations" CHECK ("kind" <> 'meeting_cancelled'),
                CONSTRAINT "notification_mutes_pkey" PRIMARY KEY ("user_id", "kind")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."delivery_status" AS ENUM(
                'pending',
                'sending',
                'sent',
                'failed',
                'skipped',
                'cancelled'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "recipient_user_id" uuid NOT NULL,
                "event_id" uuid,
                "kind" "public"."notification_kind" NOT NULL,
                "meeting_id" uuid,
                "request_id" uuid,
                "session_id" uuid,
                "round_id" uuid,
                "offset_minutes" integer,
                "payload" jsonb NOT NULL DEFAULT '{}',
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" "public"."delivery_status" NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "revision" integer NOT NULL DEFAULT '1',
                "synced_revision" integer,
                "dedupe_key" text NOT NULL,
                "claimed_at" TIMESTAMP WITH TIME ZONE,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "read_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "notifications_offset" CHECK (
                    (
                        "kind" IN ('meeting_reminder', 'session_reminder')
                    ) = ("offset_minutes" IS NOT NULL)
                ),
                CONSTRAINT "notifications_revision" CHECK (
                    "revision" >= 1
                    AND "attempts" >= 0
                ),
                CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "notifications_open" ON "notifications" ("status", "due_at")
            WHERE "status" IN ('pending', 'sending')
        `);
        await queryRunner.query(`
            CREATE INDEX "notifications_unsynced" ON "notifications" ("due_at")
            WHERE "synced_revision" IS DISTINCT
            FROM "revision"
        `);
        await queryRunner.query(`
            CREATE INDEX "notifications_event_status" ON "notifications" ("event_id", "status")
        `);
        await queryRunner.query(`
            CREATE INDEX "notifications_round" ON "notifications" ("round_id")
            WHERE "round_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "notifications_session" ON "notifications" ("session_id")
            WHERE "session_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "notifications_request" ON "notifications" ("request_id")
            WHERE "request_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "notifications_meeting" ON "notifications" ("meeting_id", "status")
            WHERE "meeting_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "notifications_recipient_due" ON "notifications" ("recipient_user_id", "due_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications" ("dedupe_key")
        `);
        await queryRunner.query(`
            ALTER TABLE "event_notification_settings"
            ADD CONSTRAINT "event_notification_settings_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_mutes"
            ADD CONSTRAINT "notification_mutes_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "notifications_recipient_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "notifications_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "notifications_meeting_fk" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "notifications_request_fk" FOREIGN KEY ("request_id") REFERENCES "meeting_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "notifications_session_fk" FOREIGN KEY ("session_id") REFERENCES "agenda_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "notifications_round_fk" FOREIGN KEY ("round_id") REFERENCES "consultation_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "notifications_round_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "notifications_session_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "notifications_request_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "notifications_meeting_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "notifications_event_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "notifications_recipient_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "notification_mutes" DROP CONSTRAINT "notification_mutes_user_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "event_notification_settings" DROP CONSTRAINT "event_notification_settings_event_fk"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."notifications_dedupe_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."notifications_recipient_due"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."notifications_meeting"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."notifications_request"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."notifications_session"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."notifications_round"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."notifications_event_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."notifications_unsynced"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."notifications_open"
        `);
        await queryRunner.query(`
            DROP TABLE "notifications"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."delivery_status"
        `);
        await queryRunner.query(`
            DROP TABLE "notification_mutes"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."notification_kind"
        `);
        await queryRunner.query(`
            DROP TABLE "event_notification_settings"
        `);
    }

}
