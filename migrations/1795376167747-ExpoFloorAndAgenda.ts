import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Pavilions, rooms, booths and exhibitor applications; agenda sessions with speakers, registrations and parties.
 */
export class ExpoFloorAndAgenda1795376167747 implements MigrationInterface {
    name = 'ExpoFloorAndAgenda1795376167747'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Added in review: btree_gist lets exclusion constraints compare uuids with =; pg_trgm serves the
        // directory's search. Left in place by down(), as other objects may come to use them.
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`
            CREATE TYPE "public"."room_kind" AS ENUM(
                'press_room',
                'business_lounge',
                'stage',
                'meeting_area',
                'conference_room',
                'other'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "rooms" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "floor" text,
                "name_ko" text NOT NULL,
                "name_en" text NOT NULL,
                "kind" "public"."room_kind" NOT NULL,
                "capacity" integer,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "rooms_capacity_positive" CHECK (
                    "capacity" IS NULL
                    OR "capacity" > 0
                ),
                CONSTRAINT "rooms_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "rooms_name_unique" ON "rooms" ("event_id", "name_en")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."session_kind" AS ENUM(
                'opening_ceremony',
                'keynote',
                'roundtable',
                'panel',
                'lecture',
                'mou_signing',
                'award_ceremony',
                'networking',
                'ir_pitch',
                'other'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."session_visibility" AS ENUM('public', 'members', 'invited')
        `);
        await queryRunner.query(`
            CREATE TABLE "agenda_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "title_ko" text,
                "title_en" text,
                "kind" "public"."session_kind" NOT NULL,
                "room_id" uuid,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "description" text,
                "track" text,
                "visibility" "public"."session_visibility" NOT NULL DEFAULT 'public',
                "capacity" integer,
                "registered_count" integer NOT NULL DEFAULT '0',
                "waitlist_enabled" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "agenda_sessions_id_times" UNIQUE ("id", "starts_at", "ends_at"),
                CONSTRAINT "agenda_sessions_registered_count" CHECK ("registered_count" >= 0),
                CONSTRAINT "agenda_sessions_capacity" CHECK (
                    "capacity" IS NULL
                    OR (
                        "capacity" > 0
                        AND "registered_count" <= "capacity"
                    )
                ),
                CONSTRAINT "agenda_sessions_has_title" CHECK (
                    "title_ko" IS NOT NULL
                    OR "title_en" IS NOT NULL
                ),
                CONSTRAINT "agenda_sessions_time_ordered" CHECK ("ends_at" > "starts_at"),
                CONSTRAINT "agenda_sessions_room_no_overlap" EXCLUDE USING gist (
                    "room_id" WITH =,
                    tstzrange("starts_at", "ends_at") WITH &&
                )
                WHERE ("room_id" IS NOT NULL),
                    CONSTRAINT "agenda_sessions_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "agenda_sessions_room_id" ON "agenda_sessions" ("room_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "agenda_sessions_event_starts" ON "agenda_sessions" ("event_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."party_role" AS ENUM('signatory', 'award_winner')
        `);
        await queryRunner.query(`
            CREATE TABLE "session_parties" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "session_id" uuid NOT NULL,
                "role" "public"."party_role" NOT NULL,
                "organization_id" uuid,
                "name" text,
                "country" character(2),
                "award_title" text,
                "sort_order" integer NOT NULL DEFAULT '0',
                CONSTRAINT "session_parties_organization_or_name" CHECK (("organization_id" IS NULL) <> ("name" IS NULL)),
                CONSTRAINT "session_parties_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "session_parties_session_id" ON "session_parties" ("session_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."registration_status" AS ENUM('registered', 'waitlisted')
        `);
        await queryRunner.query(`
            CREATE TABLE "session_registrations" (
                "session_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "status" "public"."registration_status" NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "session_registrations_pkey" PRIMARY KEY ("session_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "session_registrations_user_id" ON "session_registrations" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "session_speakers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "session_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "user_id" uuid,
                "guest_name" text,
                "affiliation" text,
                "sort_order" integer NOT NULL DEFAULT '0',
                CONSTRAINT "session_speakers_person_or_guest" CHECK (("user_id" IS NULL) <> ("guest_name" IS NULL)),
                CONSTRAINT "session_speakers_no_overlap" EXCLUDE USING gist (
                    "user_id" WITH =,
                    tstzrange("starts_at", "ends_at") WITH &&
                )
                WHERE ("user_id" IS NOT NULL),
                    CONSTRAINT "session_speakers_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "session_speakers_user_times" ON "session_speakers" ("user_id", "starts_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "session_speakers_one_per_person" ON "session_speakers" ("session_id", "user_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."application_status" AS ENUM(
                'submitted',
                'waitlisted',
                'accepted',
                'rejected',
                'withdrawn'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "exhibitor_applications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "exhibitor_name" text NOT NULL,
                "sectors" text array NOT NULL DEFAULT '{}',
                "preferred_pavilion_ids" uuid array NOT NULL DEFAULT '{}',
                "pitch" text NOT NULL,
                "products" text array NOT NULL DEFAULT '{}',
                "team_members" jsonb NOT NULL DEFAULT '[]',
                "status" "public"."application_status" NOT NULL DEFAULT 'submitted',
                "decision_reason" text,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "booth_allowance" integer NOT NULL DEFAULT '1',
                "assigned_booth_count" integer NOT NULL DEFAULT '0',
                "applied_by_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "exhibitor_applications_allowance_positive" CHECK ("booth_allowance" >= 1),
                CONSTRAINT "exhibitor_applications_booth_allowance" CHECK (
                    "assigned_booth_count" >= 0
                    AND "assigned_booth_count" <= "booth_allowance"
                ),
                CONSTRAINT "exhibitor_applications_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "exhibitor_applications_status" ON "exhibitor_applications" ("status")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "exhibitor_applications_one_per_organization" ON "exhibitor_applications" ("event_id", "organization_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "pavilions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "floor" text,
                "name_ko" text NOT NULL,
                "name_en" text NOT NULL,
                "theme" text,
                "sort_order" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pavilions_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "pavilions_name_unique" ON "pavilions" ("event_id", "name_en")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."booth_status" AS ENUM('available', 'on_hold', 'assigned')
        `);
        await queryRunner.query(`
            CREATE TABLE "booths" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "pavilion_id" uuid NOT NULL,
                "code" text NOT NULL,
                "booth_type" text,
                "status" "public"."booth_status" NOT NULL DEFAULT 'available',
                "application_id" uuid,
                "organization_id" uuid,
                "description" text,
                "products" text array NOT NULL DEFAULT '{}',
                "links" text array NOT NULL DEFAULT '{}',
                "staff_on_duty" text array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "booths_exhibitor_complete" CHECK (
                    ("application_id" IS NULL) = ("organization_id" IS NULL)
                ),
                CONSTRAINT "booths_assigned_has_exhibitor" CHECK (
                    ("status" = 'assigned') = ("application_id" IS NOT NULL)
                ),
                CONSTRAINT "booths_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "booths_pavilion_id" ON "booths" ("pavilion_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "booths_application_id" ON "booths" ("application_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "booths_code_unique" ON "booths" ("event_id", "code")
        `);
        await queryRunner.query(`
            ALTER TABLE "rooms"
            ADD CONSTRAINT "rooms_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_sessions"
            ADD CONSTRAINT "agenda_sessions_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_sessions"
            ADD CONSTRAINT "agenda_sessions_room_fk" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_parties"
            ADD CONSTRAINT "session_parties_session_fk" FOREIGN KEY ("session_id") REFERENCES "agenda_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_parties"
            ADD CONSTRAINT "session_parties_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_registrations"
            ADD CONSTRAINT "session_registrations_session_fk" FOREIGN KEY ("session_id") REFERENCES "agenda_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_registrations"
            ADD CONSTRAINT "session_registrations_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_speakers"
            ADD CONSTRAINT "session_speakers_session_fk" FOREIGN KEY ("session_id", "starts_at", "ends_at") REFERENCES "agenda_sessions"("id", "starts_at", "ends_at") ON DELETE CASCADE ON UPDATE CASCADE
        `);
        await queryRunner.query(`
            ALTER TABLE "session_speakers"
            ADD CONSTRAINT "session_speakers_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "exhibitor_applications"
            ADD CONSTRAINT "exhibitor_applications_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "exhibitor_applications"
            ADD CONSTRAINT "exhibitor_applications_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "exhibitor_applications"
            ADD CONSTRAINT "exhibitor_applications_applied_by_fk" FOREIGN KEY ("applied_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pavilions"
            ADD CONSTRAINT "pavilions_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "booths"
            ADD CONSTRAINT "booths_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "booths"
            ADD CONSTRAINT "booths_pavilion_fk" FOREIGN KEY ("pavilion_id") REFERENCES "pavilions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "booths"
            ADD CONSTRAINT "booths_application_fk" FOREIGN KEY ("application_id") REFERENCES "exhibitor_applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "booths"
            ADD CONSTRAINT "booths_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "booths" DROP CONSTRAINT "booths_organization_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "booths" DROP CONSTRAINT "booths_application_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "booths" DROP CONSTRAINT "booths_pavilion_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "booths" DROP CONSTRAINT "booths_event_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "pavilions" DROP CONSTRAINT "pavilions_event_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "exhibitor_applications" DROP CONSTRAINT "exhibitor_applications_applied_by_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "exhibitor_applications" DROP CONSTRAINT "exhibitor_applications_organization_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "exhibitor_applications" DROP CONSTRAINT "exhibitor_applications_event_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_speakers" DROP CONSTRAINT "session_speakers_user_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_speakers" DROP CONSTRAINT "session_speakers_session_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_registrations" DROP CONSTRAINT "session_registrations_user_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_registrations" DROP CONSTRAINT "session_registrations_session_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_parties" DROP CONSTRAINT "session_parties_organization_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_parties" DROP CONSTRAINT "session_parties_session_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_sessions" DROP CONSTRAINT "agenda_sessions_room_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "agenda_sessions" DROP CONSTRAINT "agenda_sessions_event_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "rooms" DROP CONSTRAINT "rooms_event_fk"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."booths_code_unique"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."booths_application_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."booths_pavilion_id"
        `);
        await queryRunner.query(`
            DROP TABLE "booths"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."booth_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."pavilions_name_unique"
        `);
        await queryRunner.query(`
            DROP TABLE "pavilions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."exhibitor_applications_one_per_organization"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."exhibitor_applications_status"
        `);
        await queryRunner.query(`
            DROP TABLE "exhibitor_applications"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."application_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."session_speakers_one_per_person"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."session_speakers_user_times"
        `);
        await queryRunner.query(`
            DROP TABLE "session_speakers"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."session_registrations_user_id"
        `);
        await queryRunner.query(`
            DROP TABLE "session_registrations"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."registration_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."session_parties_session_id"
        `);
        await queryRunner.query(`
            DROP TABLE "session_parties"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."party_role"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."agenda_sessions_event_starts"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."agenda_sessions_room_id"
        `);
        await queryRunner.query(`
            DROP TABLE "agenda_sessions"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."session_visibility"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."session_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."rooms_name_unique"
        `);
        await queryRunner.query(`
            DROP TABLE "rooms"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."room_kind"
        `);
    }

}
