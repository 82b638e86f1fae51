import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Accounts, sessions, organizations, events, memberships and invitations.
 * Reviewed: enum types shared by several tables (language, event_role) are created and dropped once.
 */
export class Foundation1795375495122 implements MigrationInterface {
    name = 'Foundation1795375495122'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."language" AS ENUM('ko', 'en')
        `);
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" text NOT NULL,
                "password_hash" text NOT NULL,
                "name" text NOT NULL,
                "language" "public"."language" NOT NULL,
                "time_zone" text NOT NULL,
                "is_platform_admin" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "users_email_lowercase" CHECK ("email" = lower("email")),
                CONSTRAINT "users_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "users_email_unique" ON "users" ("email")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."session_end_reason" AS ENUM(
                'logout',
                'refresh_token_reuse',
                'password_change'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "auth_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "user_agent" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_reason" "public"."session_end_reason",
                CONSTRAINT "auth_sessions_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "auth_sessions_user_id" ON "auth_sessions" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."event_status" AS ENUM('draft', 'published', 'archived')
        `);
        await queryRunner.query(`
            CREATE TABLE "events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "slug" text NOT NULL,
                "name" text NOT NULL,
                "description" text,
                "venue_name" text,
                "venue_address" text,
                "time_zone" text NOT NULL,
                "starts_on" date NOT NULL,
                "ends_on" date NOT NULL,
                "status" "public"."event_status" NOT NULL DEFAULT 'draft',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "events_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
                CONSTRAINT "events_dates_ordered" CHECK ("ends_on" >= "starts_on"),
                CONSTRAINT "events_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "events_slug_unique" ON "events" ("slug")
        `);
        await queryRunner.query(`
            CREATE INDEX "events_status" ON "events" ("status")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."event_role" AS ENUM(
                'organizer',
                'startup',
                'investor',
                'expert',
                'exhibitor',
                'staff'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "event_memberships" (
                "event_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "roles" "public"."event_role" array NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "event_memberships_has_role" CHECK (cardinality("roles") > 0),
                CONSTRAINT "event_memberships_pkey" PRIMARY KEY ("event_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "event_memberships_user_id" ON "event_memberships" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "invitations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "email" text NOT NULL,
                "role" "public"."event_role" NOT NULL,
                "language" "public"."language" NOT NULL,
                "token_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "invited_by_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "accepted_by_id" uuid,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "invitations_email_lowercase" CHECK ("email" = lower("email")),
                CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "invitations_token_hash_unique" ON "invitations" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "invitations_one_pending_per_role" ON "invitations" ("event_id", "email", "role")
            WHERE "accepted_at" IS NULL
                AND "revoked_at" IS NULL
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."organization_kind" AS ENUM(
                'startup',
                'investor',
                'corporate',
                'agency',
                'other'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."investor_type" AS ENUM(
                'venture_capital',
                'accelerator',
                'corporate_venture_capital',
                'angel',
                'other'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."company_stage" AS ENUM(
                'idea',
                'pre_seed',
                'seed',
                'series_a',
                'series_b',
                'series_c_plus',
                'growth',
                'public'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "organizations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "kind" "public"."organization_kind" NOT NULL,
                "investor_type" "public"."investor_type",
                "sectors" text array NOT NULL DEFAULT '{}',
                "stage" "public"."company_stage",
                "country" character(2),
                "website" text,
                "description" text,
                "pitch_deck_url" text,
                "ticket_min" bigint,
                "ticket_max" bigint,
                "ticket_currency" character(3),
                "focus_sectors" text array NOT NULL DEFAULT '{}',
                "focus_stages" "public"."company_stage" array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "organizations_ticket_range" CHECK (
                    "ticket_min" IS NULL
                    OR "ticket_max" IS NULL
                    OR "ticket_min" <= "ticket_max"
                ),
                CONSTRAINT "organizations_investor_type_only_for_investors" CHECK (
                    "investor_type" IS NULL
                    OR "kind" = 'investor'
                ),
                CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."organization_role" AS ENUM('owner', 'member')
        `);
        await queryRunner.query(`
            CREATE TABLE "organization_members" (
                "organization_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "role" "public"."organization_role" NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "organization_members_pkey" PRIMARY KEY ("organization_id", "user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "organization_members_user_id" ON "organization_members" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "session_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "refresh_tokens_session_id" ON "refresh_tokens" ("session_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "refresh_tokens_token_hash_unique" ON "refresh_tokens" ("token_hash")
        `);
        await queryRunner.query(`
            ALTER TABLE "auth_sessions"
            ADD CONSTRAINT "auth_sessions_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "event_memberships"
            ADD CONSTRAINT "event_memberships_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "event_memberships"
            ADD CONSTRAINT "event_memberships_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "invitations_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "invitations_invited_by_fk" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "invitations_accepted_by_fk" FOREIGN KEY ("accepted_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "organization_members"
            ADD CONSTRAINT "organization_members_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "organization_members"
            ADD CONSTRAINT "organization_members_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "refresh_tokens_session_fk" FOREIGN KEY ("session_id") REFERENCES "auth_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens" DROP CONSTRAINT "refresh_tokens_session_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "organization_members" DROP CONSTRAINT "organization_members_user_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "organization_members" DROP CONSTRAINT "organization_members_organization_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "invitations_accepted_by_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "invitations_invited_by_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "invitations_event_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "event_memberships" DROP CONSTRAINT "event_memberships_user_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "event_memberships" DROP CONSTRAINT "event_memberships_event_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "auth_sessions" DROP CONSTRAINT "auth_sessions_user_fk"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."refresh_tokens_token_hash_unique"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."refresh_tokens_session_id"
        `);
        await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."organization_members_user_id"
        `);
        await queryRunner.query(`
            DROP TABLE "organization_members"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."organization_role"
        `);
        await queryRunner.query(`
            DROP TABLE "organizations"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."company_stage"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."investor_type"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."organization_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."invitations_one_pending_per_role"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."invitations_token_hash_unique"
        `);
        await queryRunner.query(`
            DROP TABLE "invitations"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."event_memberships_user_id"
        `);
        await queryRunner.query(`
            DROP TABLE "event_memberships"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."event_role"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."events_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."events_slug_unique"
        `);
        await queryRunner.query(`
            DROP TABLE "events"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."event_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."auth_sessions_user_id"
        `);
        await queryRunner.query(`
            DROP TABLE "auth_sessions"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."session_end_reason"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."users_email_unique"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."language"
        `);
    }

}
