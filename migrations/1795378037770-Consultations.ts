import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Consultation programmes, rounds, windows, locations, availability, requests, meetings (with attendees whose
 * exclusion constraint forbids double booking), history, notes, outcomes, quotas and idempotency records.
 * Reviewed: enum types shared by several tables (meeting_status, participant_side) are created and dropped once.
 */
export class Consultations1795378037770 implements MigrationInterface {
    name = 'Consultations1795378037770'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "consultation_programmes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "name" text NOT NULL,
                "description" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "consultation_programmes_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "consultation_programmes_event_id" ON "consultation_programmes" ("event_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."round_mode" AS ENUM('online', 'on_site')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."request_initiator" AS ENUM('guest', 'host', 'both')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."confirmation_rule" AS ENUM('host_accepts', 'instant', 'organizer_schedules')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."eligibility" AS ENUM(
                'open',
                'met_in_source_round',
                'follow_up_from_source_round'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."video_link_rule" AS ENUM('template', 'host_entered')
        `);
        await queryRunner.query(`
            CREATE TABLE "consultation_rounds" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "programme_id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "name" text NOT NULL,
                "mode" "public"."round_mode" NOT NULL,
                "time_zone" text NOT NULL,
                "slot_minutes" integer NOT NULL,
                "gap_minutes" integer NOT NULL DEFAULT '0',
                "booking_opens_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "booking_closes_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "initiator" "public"."request_initiator" NOT NULL DEFAULT 'guest',
                "confirmation" "public"."confirmation_rule" NOT NULL DEFAULT 'host_accepts',
                "max_requests_per_guest" integer,
                "max_meetings_per_host" integer,
                "max_meetings_per_pair" integer NOT NULL DEFAULT '1',
                "eligibility" "public"."eligibility" NOT NULL DEFAULT 'open',
                "eligibility_source_round_id" uuid,
                "video_link_rule" "public"."video_link_rule",
                "video_link_template" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "consultation_rounds_video_template" CHECK (
                    "video_link_rule" <> 'template'
                    OR "video_link_template" IS NOT NULL
                ),
                CONSTRAINT "consultation_rounds_eligibility_source" CHECK (
                    ("eligibility" = 'open') = ("eligibility_source_round_id" IS NULL)
                ),
                CONSTRAINT "consultation_rounds_caps" CHECK (
                    (
                        "max_requests_per_guest" IS NULL
                        OR "max_requests_per_guest" > 0
                    )
                    AND (
                        "max_meetings_per_host" IS NULL
                        OR "max_meetings_per_host" > 0
                    )
                    AND "max_meetings_per_pair" > 0
                ),
                CONSTRAINT "consultation_rounds_booking_window" CHECK ("booking_closes_at" > "booking_opens_at"),
                CONSTRAINT "consultation_rounds_slot_length" CHECK (
                    "slot_minutes" BETWEEN 5 AND 480
                    AND "gap_minutes" BETWEEN 0 AND 240
                ),
                CONSTRAINT "consultation_rounds_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "consultation_rounds_event_id" ON "consultation_rounds" ("event_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "consultation_rounds_position_unique" ON "consultation_rounds" ("programme_id", "position")
        `);
        await queryRunner.query(`
            CREATE TABLE "idempotency_records" (
                "user_id" uuid NOT NULL,
                "key" text NOT NULL,
                "request_fingerprint" text NOT NULL,
                "response_status" integer,
                "response_body" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("user_id", "key")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."location_kind" AS ENUM('table', 'room', 'booth')
        `);
        await queryRunner.query(`
            CREATE TABLE "round_locations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "name" text NOT NULL,
                "kind" "public"."location_kind" NOT NULL,
                "host_user_id" uuid,
                CONSTRAINT "round_locations_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "round_locations_name_unique" ON "round_locations" ("round_id", "name")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."meeting_status" AS ENUM(
                'requested',
                'confirmed',
                'held',
                'no_show',
                'cancelled'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "meetings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "round_id" uuid NOT NULL,
                "host_user_id" uuid NOT NULL,
                "guest_user_id" uuid NOT NULL,
                "request_id" uuid,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" "public"."meeting_status" NOT NULL,
                "location_id" uuid,
                "video_link" text,
                "version" integer NOT NULL DEFAULT '1',
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                "cancelled_by_id" uuid,
                "cancellation_reason" text,
                "checked_in_at" TIMESTAMP WITH TIME ZONE,
                "created_by_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "meetings_id_times_status" UNIQUE ("id", "starts_at", "ends_at", "status"),
                CONSTRAINT "meetings_version_positive" CHECK ("version" >= 1),
                CONSTRAINT "meetings_two_people" CHECK ("host_user_id" <> "guest_user_id"),
                CONSTRAINT "meetings_time_ordered" CHECK ("ends_at" > "starts_at"),
                CONSTRAINT "meetings_location_no_overlap" EXCLUDE USING gist (
                    "location_id" WITH =,
                    tstzrange("starts_at", "ends_at") WITH &&
                )
                WHERE (
                        "location_id" IS NOT NULL
                        AND "status" <> 'cancelled'
                    ),
                    CONSTRAINT "meetings_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "meetings_guest" ON "meetings" ("guest_user_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "meetings_host" ON "meetings" ("host_user_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "meetings_event_starts" ON "meetings" ("event_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "meetings_round_starts" ON "meetings" ("round_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "meeting_attendees" (
                "meeting_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" "public"."meeting_status" NOT NULL,
                CONSTRAINT "meeting_attendees_no_overlap" EXCLUDE USING gist (
                    "user_id" WITH =,
                    tstzrange("starts_at", "ends_at") WITH &&
                )
                WHERE ("status" <> 'cancelled'),
                    CONSTRAINT "meeting_attendees_pkey" PRIMARY KEY ("meeting_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "meeting_attendees_user_times" ON "meeting_attendees" ("user_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."meeting_action" AS ENUM(
                'booked',
                'confirmed',
                'rescheduled',
                'cancelled',
                'held',
                'no_show'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "meeting_history" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "action" "public"."meeting_action" NOT NULL,
                "actor_user_id" uuid,
                "status" "public"."meeting_status" NOT NULL,
                "version" integer NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "location_id" uuid,
                "reason" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "meeting_history_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "meeting_history_meeting" ON "meeting_history" ("meeting_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "meeting_notes" (
                "meeting_id" uuid NOT NULL,
                "author_user_id" uuid NOT NULL,
                "body" text,
                "rating" integer,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "meeting_notes_rating" CHECK (
                    "rating" IS NULL
                    OR "rating" BETWEEN 1 AND 5
                ),
                CONSTRAINT "meeting_notes_pkey" PRIMARY KEY ("meeting_id", "author_user_id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."interest_level" AS ENUM('none', 'low', 'medium', 'high')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."next_step" AS ENUM(
                'follow_up_meeting',
                'due_diligence',
                'term_sheet',
                'pass'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "meeting_outcomes" (
                "meeting_id" uuid NOT NULL,
                "interest_level" "public"."interest_level" NOT NULL,
                "next_step" "public"."next_step" NOT NULL,
                "amount" bigint,
                "currency" character(3),
                "recorded_by_id" uuid NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "meeting_outcomes_amount" CHECK (
                    ("amount" IS NULL) = ("currency" IS NULL)
                    AND (
                        "amount" IS NULL
                        OR "amount" >= 0
                    )
                ),
                CONSTRAINT "meeting_outcomes_pkey" PRIMARY KEY ("meeting_id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."participant_side" AS ENUM('host', 'guest')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."request_status" AS ENUM(
                'pending',
                'accepted',
                'declined',
                'expired',
                'withdrawn',
                'scheduled'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "meeting_requests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "host_user_id" uuid NOT NULL,
                "guest_user_id" uuid NOT NULL,
                "initiated_by" "public"."participant_side" NOT NULL,
                "message" text,
                "priority" integer NOT NULL DEFAULT '3',
                "status" "public"."request_status" NOT NULL DEFAULT 'pending',
                "decline_reason" text,
                "responded_at" TIMESTAMP WITH TIME ZONE,
                "meeting_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "meeting_requests_two_people" CHECK ("host_user_id" <> "guest_user_id"),
                CONSTRAINT "meeting_requests_priority" CHECK (
                    "priority" BETWEEN 1 AND 5
                ),
                CONSTRAINT "meeting_requests_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "meeting_requests_one_open_per_pair" ON "meeting_requests" ("round_id", "host_user_id", "guest_user_id")
            WHERE "status" IN ('pending', 'accepted')
        `);
        await queryRunner.query(`
            CREATE INDEX "meeting_requests_guest" ON "meeting_requests" ("guest_user_id", "round_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "meeting_requests_host" ON "meeting_requests" ("host_user_id", "round_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "meeting_requests_round_status" ON "meeting_requests" ("round_id", "status")
        `);
        await queryRunner.query(`
            CREATE TABLE "programme_participants" (
                "programme_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "side" "public"."participant_side" NOT NULL,
                "organization_id" uuid,
                "expertise" text,
                "video_link" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "programme_participants_pkey" PRIMARY KEY ("programme_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "programme_participants_user_id" ON "programme_participants" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "round_quotas" (
                "round_id" uuid NOT NULL,
                "subject" text NOT NULL,
                "used" integer NOT NULL DEFAULT '0',
                CONSTRAINT "round_quotas_used" CHECK ("used" >= 0),
                CONSTRAINT "round_quotas_pkey" PRIMARY KEY ("round_id", "subject")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "round_windows" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "date" date NOT NULL,
                "starts_at_time" TIME NOT NULL,
                "ends_at_time" TIME NOT NULL,
                CONSTRAINT "round_windows_ordered" CHECK ("ends_at_time" > "starts_at_time"),
                CONSTRAINT "round_windows_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "round_windows_round_id" ON "round_windows" ("round_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "unavailable_slots" (
                "round_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "unavailable_slots_pkey" PRIMARY KEY ("round_id", "user_id", "starts_at")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation_programmes"
            ADD CONSTRAINT "consultation_programmes_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation_rounds"
            ADD CONSTRAINT "consultation_rounds_programme_fk" FOREIGN KEY ("programme_id") REFERENCES "consultation_programmes"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation_rounds"
            ADD CONSTRAINT "consultation_rounds_eligibility_source_fk" FOREIGN KEY ("eligibility_source_round_id") REFERENCES "consultation_rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_records"
            ADD CONSTRAINT "idempotency_records_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "round_locations"
            ADD CONSTRAINT "round_locations_round_fk" FOREIGN KEY ("round_id") REFERENCES "consultation_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "round_locations"
            ADD CONSTRAINT "round_locations_host_fk" FOREIGN KEY ("host_user_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings"
            ADD CONSTRAINT "meetings_round_fk" FOREIGN KEY ("round_id") REFERENCES "consultation_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings"
            ADD CONSTRAINT "meetings_host_fk" FOREIGN KEY ("host_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings"
            ADD CONSTRAINT "meetings_guest_fk" FOREIGN KEY ("guest_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings"
            ADD CONSTRAINT "meetings_location_fk" FOREIGN KEY ("location_id") REFERENCES "round_locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_attendees"
            ADD CONSTRAINT "meeting_attendees_meeting_fk" FOREIGN KEY ("meeting_id", "starts_at", "ends_at", "status") REFERENCES "meetings"("id", "starts_at", "ends_at", "status") ON DELETE CASCADE ON UPDATE CASCADE
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_attendees"
            ADD CONSTRAINT "meeting_attendees_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_history"
            ADD CONSTRAINT "meeting_history_meeting_fk" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_notes"
            ADD CONSTRAINT "meeting_notes_meeting_fk" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_notes"
            ADD CONSTRAINT "meeting_notes_author_fk" FOREIGN KEY ("author_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_outcomes"
            ADD CONSTRAINT "meeting_outcomes_meeting_fk" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_requests"
            ADD CONSTRAINT "meeting_requests_round_fk" FOREIGN KEY ("round_id") REFERENCES "consultation_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_requests"
            ADD CONSTRAINT "meeting_requests_host_fk" FOREIGN KEY ("host_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_requests"
            ADD CONSTRAINT "meeting_requests_guest_fk" FOREIGN KEY ("guest_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "programme_participants"
            ADD CONSTRAINT "programme_participants_programme_fk" FOREIGN KEY ("programme_id") REFERENCES "consultation_programmes"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "programme_participants"
            ADD CONSTRAINT "programme_participants_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "programme_participants"
            ADD CONSTRAINT "programme_participants_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "round_quotas"
            ADD CONSTRAINT "round_quotas_round_fk" FOREIGN KEY ("round_id") REFERENCES "consultation_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "round_windows"
            ADD CONSTRAINT "round_windows_round_fk" FOREIGN KEY ("round_id") REFERENCES "consultation_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "unavailable_slots"
            ADD CONSTRAINT "unavailable_slots_round_fk" FOREIGN KEY ("round_id") REFERENCES "consultation_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "unavailable_slots"
            ADD CONSTRAINT "unavailable_slots_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "unavailable_slots" DROP CONSTRAINT "unavailable_slots_user_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "unavailable_slots" DROP CONSTRAINT "unavailable_slots_round_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "round_windows" DROP CONSTRAINT "round_windows_round_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "round_quotas" DROP CONSTRAINT "round_quotas_round_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "programme_participants" DROP CONSTRAINT "programme_participants_organization_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "programme_participants" DROP CONSTRAINT "programme_participants_user_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "programme_participants" DROP CONSTRAINT "programme_participants_programme_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_requests" DROP CONSTRAINT "meeting_requests_guest_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_requests" DROP CONSTRAINT "meeting_requests_host_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_requests" DROP CONSTRAINT "meeting_requests_round_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_outcomes" DROP CONSTRAINT "meeting_outcomes_meeting_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_notes" DROP CONSTRAINT "meeting_notes_author_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_notes" DROP CONSTRAINT "meeting_notes_meeting_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_history" DROP CONSTRAINT "meeting_history_meeting_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_attendees" DROP CONSTRAINT "meeting_attendees_user_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "meeting_attendees" DROP CONSTRAINT "meeting_attendees_meeting_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings" DROP CONSTRAINT "meetings_location_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings" DROP CONSTRAINT "meetings_guest_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings" DROP CONSTRAINT "meetings_host_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings" DROP CONSTRAINT "meetings_round_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "round_locations" DROP CONSTRAINT "round_locations_host_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "round_locations" DROP CONSTRAINT "round_locations_round_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_records" DROP CONSTRAINT "idempotency_records_user_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation_rounds" DROP CONSTRAINT "consultation_rounds_eligibility_source_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation_rounds" DROP CONSTRAINT "consultation_rounds_programme_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "consultation_programmes" DROP CONSTRAINT "consultation_programmes_event_fk"
        `);
        await queryRunner.query(`
            DROP TABLE "unavailable_slots"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."round_windows_round_id"
        `);
        await queryRunner.query(`
            DROP TABLE "round_windows"
        `);
        await queryRunner.query(`
            DROP TABLE "round_quotas"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."programme_participants_user_id"
        `);
        await queryRunner.query(`
            DROP TABLE "programme_participants"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."meeting_requests_round_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."meeting_requests_host"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."meeting_requests_guest"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."meeting_requests_one_open_per_pair"
        `);
        await queryRunner.query(`
            DROP TABLE "meeting_requests"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."request_status"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."participant_side"
        `);
        await queryRunner.query(`
            DROP TABLE "meeting_outcomes"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."next_step"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."interest_level"
        `);
        await queryRunner.query(`
            DROP TABLE "meeting_notes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."meeting_history_meeting"
        `);
        await queryRunner.query(`
            DROP TABLE "meeting_history"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."meeting_action"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."meeting_attendees_user_times"
        `);
        await queryRunner.query(`
            DROP TABLE "meeting_attendees"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."meetings_round_starts"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."meetings_event_starts"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."meetings_host"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."meetings_guest"
        `);
        await queryRunner.query(`
            DROP TABLE "meetings"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."meeting_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."round_locations_name_unique"
        `);
        await queryRunner.query(`
            DROP TABLE "round_locations"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."location_kind"
        `);
        await queryRunner.query(`
            DROP TABLE "idempotency_records"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."consultation_rounds_position_unique"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."consultation_rounds_event_id"
        `);
        await queryRunner.query(`
            DROP TABLE "consultation_rounds"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."video_link_rule"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."eligibility"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."confirmation_rule"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."request_initiator"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."round_mode"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."consultation_programmes_event_id"
        `);
        await queryRunner.query(`
            DROP TABLE "consultation_programmes"
        `);
    }

}
