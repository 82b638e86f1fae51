import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Calls for applications (questions, criteria, applications with answers, reviewer assignments, reviews and scores),
 * IR pitch sessions (running orders, ratings, "want to meet"), and collaboration projects with their stage history.
 * Reviewed: the enum type collaboration_stage, shared by two tables, is created and dropped once.
 */
export class CallsPitchesCollaborations1795384129228 implements MigrationInterface {
    name = 'CallsPitchesCollaborations1795384129228'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."call_kind" AS ENUM('ir_pitch', 'challenge')
        `);
        await queryRunner.query(`
            CREATE TABLE "calls" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "kind" "public"."call_kind" NOT NULL,
                "host_organization_id" uuid,
                "title" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "eligibility" text NOT NULL DEFAULT '',
                "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "places" integer NOT NULL,
                "results_published_at" TIMESTAMP WITH TIME ZONE,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "calls_id_event" UNIQUE ("id", "event_id"),
                CONSTRAINT "calls_host_for_challenges" CHECK (
                    ("kind" = 'challenge') = ("host_organization_id" IS NOT NULL)
                ),
                CONSTRAINT "calls_places" CHECK (
                    "places" BETWEEN 1 AND 10000
                ),
                CONSTRAINT "calls_time_ordered" CHECK ("closes_at" > "opens_at"),
                CONSTRAINT "calls_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "calls_event_id" ON "calls" ("event_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."call_application_status" AS ENUM('draft', 'submitted', 'withdrawn')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."call_decision" AS ENUM('selected', 'waitlisted', 'rejected')
        `);
        await queryRunner.query(`
            CREATE TABLE "call_applications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "call_id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "status" "public"."call_application_status" NOT NULL DEFAULT 'draft',
                "decision" "public"."call_decision",
                "decision_note" text,
                "review_comments_shared" boolean NOT NULL DEFAULT false,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "call_applications_id_organization" UNIQUE ("id", "organization_id"),
                CONSTRAINT "call_applications_id_call" UNIQUE ("id", "call_id"),
                CONSTRAINT "call_applications_decided_after_submission" CHECK (
                    "decision" IS NULL
                    OR "submitted_at" IS NOT NULL
                ),
                CONSTRAINT "call_applications_submitted_at" CHECK (
                    "status" <> 'submitted'
                    OR "submitted_at" IS NOT NULL
                ),
                CONSTRAINT "call_applications_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "call_applications_event_id" ON "call_applications" ("event_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "call_applications_organization_id" ON "call_applications" ("organization_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "call_applications_one_per_organization" ON "call_applications" ("call_id", "organization_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."question_kind" AS ENUM('text', 'choice', 'link', 'number')
        `);
        await queryRunner.query(`
            CREATE TABLE "call_questions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "call_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "kind" "public"."question_kind" NOT NULL,
                "prompt" text NOT NULL,
                "required" boolean NOT NULL DEFAULT true,
                "choices" text array NOT NULL DEFAULT '{}',
                "min_value" numeric,
                "max_value" numeric,
                CONSTRAINT "call_questions_call_id" UNIQUE ("call_id", "id"),
                CONSTRAINT "call_questions_number_range" CHECK (
                    (
                        "kind" = 'number'
                        OR (
                            "min_value" IS NULL
                            AND "max_value" IS NULL
                        )
                    )
                    AND (
                        "min_value" IS NULL
                        OR "max_value" IS NULL
                        OR "min_value" <= "max_value"
                    )
                ),
                CONSTRAINT "call_questions_choices" CHECK (
                    ("kind" = 'choice') = (cardinality("choices") > 0)
                ),
                CONSTRAINT "call_questions_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "call_questions_position" ON "call_questions" ("call_id", "position")
        `);
        await queryRunner.query(`
            CREATE TABLE "call_answers" (
                "application_id" uuid NOT NULL,
                "question_id" uuid NOT NULL,
                "call_id" uuid NOT NULL,
                "value" text NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "call_answers_pkey" PRIMARY KEY ("application_id", "question_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "call_review_assignments" (
                "application_id" uuid NOT NULL,
                "reviewer_user_id" uuid NOT NULL,
                "applicant_organization_id" uuid NOT NULL,
                "reviewer_organization_ids" uuid array NOT NULL DEFAULT '{}',
                "assigned_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "call_review_assignments_not_own_organization" CHECK (
                    NOT (
                        "applicant_organization_id" = ANY ("reviewer_organization_ids")
                    )
                ),
                CONSTRAINT "call_review_assignments_pkey" PRIMARY KEY ("application_id", "reviewer_user_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "call_review_assignments_reviewer" ON "call_review_assignments" ("reviewer_user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "call_reviews" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "application_id" uuid NOT NULL,
                "reviewer_user_id" uuid NOT NULL,
                "comment" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "call_reviews_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "call_reviews_one_per_reviewer" ON "call_reviews" ("application_id", "reviewer_user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "call_criteria" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "call_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "name" text NOT NULL,
                "description" text,
                "max_score" integer NOT NULL,
                CONSTRAINT "call_criteria_id_scale" UNIQUE ("id", "max_score"),
                CONSTRAINT "call_criteria_scale" CHECK (
                    "max_score" BETWEEN 1 AND 100
                ),
                CONSTRAINT "call_criteria_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "call_criteria_position" ON "call_criteria" ("call_id", "position")
        `);
        await queryRunner.query(`
            CREATE TABLE "call_review_scores" (
                "review_id" uuid NOT NULL,
                "criterion_id" uuid NOT NULL,
                "max_score" integer NOT NULL,
                "score" integer NOT NULL,
                CONSTRAINT "call_review_scores_in_scale" CHECK (
                    "score" BETWEEN 1 AND "max_score"
                ),
                CONSTRAINT "call_review_scores_pkey" PRIMARY KEY ("review_id", "criterion_id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."collaboration_stage" AS ENUM(
                'matching',
                'technical_verification',
                'market_verification',
                'completed',
                'dropped'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "collaboration_projects" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "call_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "host_organization_id" uuid NOT NULL,
                "startup_organization_id" uuid NOT NULL,
                "title" text NOT NULL,
                "stage" "public"."collaboration_stage" NOT NULL DEFAULT 'matching',
                "stage_since" date NOT NULL,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "collaboration_projects_two_companies" CHECK (
                    "host_organization_id" <> "startup_organization_id"
                ),
                CONSTRAINT "collaboration_projects_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "collaboration_projects_startup" ON "collaboration_projects" ("startup_organization_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "collaboration_projects_host" ON "collaboration_projects" ("host_organization_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "collaboration_projects_event_id" ON "collaboration_projects" ("event_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "collaboration_projects_one_per_application" ON "collaboration_projects" ("application_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "collaboration_stage_entries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "project_id" uuid NOT NULL,
                "stage" "public"."collaboration_stage" NOT NULL,
                "entered_on" date NOT NULL,
                "note" text,
                "recorded_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "collaboration_stage_entries_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "collaboration_stage_entries_project" ON "collaboration_stage_entries" ("project_id", "entered_on")
        `);
        await queryRunner.query(`
            CREATE TABLE "pitch_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "agenda_session_id" uuid NOT NULL,
                "call_id" uuid NOT NULL,
                "consultation_round_id" uuid,
                "pitch_minutes" integer NOT NULL DEFAULT '7',
                "qa_minutes" integer NOT NULL DEFAULT '3',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pitch_sessions_id_event" UNIQUE ("id", "event_id"),
                CONSTRAINT "pitch_sessions_minutes" CHECK (
                    "pitch_minutes" BETWEEN 1 AND 120
                    AND "qa_minutes" BETWEEN 0 AND 120
                ),
                CONSTRAINT "pitch_sessions_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "pitch_sessions_event_id" ON "pitch_sessions" ("event_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "pitch_sessions_one_per_agenda_session" ON "pitch_sessions" ("agenda_session_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "pitch_slots" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "pitch_session_id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "application_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pitch_slots_position_unique" UNIQUE ("pitch_session_id", "position") DEFERRABLE INITIALLY DEFERRED,
                CONSTRAINT "pitch_slots_position" CHECK ("position" >= 1),
                CONSTRAINT "pitch_slots_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "pitch_slots_event_id" ON "pitch_slots" ("event_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "pitch_slots_one_per_application" ON "pitch_slots" ("application_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "pitch_interests" (
                "pitch_slot_id" uuid NOT NULL,
                "investor_user_id" uuid NOT NULL,
                "meeting_request_id" uuid,
                "round_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pitch_interests_pkey" PRIMARY KEY ("pitch_slot_id", "investor_user_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "pitch_ratings" (
                "pitch_slot_id" uuid NOT NULL,
                "investor_user_id" uuid NOT NULL,
                "score" integer NOT NULL,
                "note" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pitch_ratings_score" CHECK (
                    "score" BETWEEN 1 AND 5
                ),
                CONSTRAINT "pitch_ratings_pkey" PRIMARY KEY ("pitch_slot_id", "investor_user_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "calls"
            ADD CONSTRAINT "calls_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "calls"
            ADD CONSTRAINT "calls_host_organization_fk" FOREIGN KEY ("host_organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "calls"
            ADD CONSTRAINT "calls_created_by_fk" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_applications"
            ADD CONSTRAINT "call_applications_call_fk" FOREIGN KEY ("call_id", "event_id") REFERENCES "calls"("id", "event_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_applications"
            ADD CONSTRAINT "call_applications_organization_fk" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_applications"
            ADD CONSTRAINT "call_applications_created_by_fk" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_questions"
            ADD CONSTRAINT "call_questions_call_fk" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_answers"
            ADD CONSTRAINT "call_answers_application_fk" FOREIGN KEY ("application_id", "call_id") REFERENCES "call_applications"("id", "call_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_answers"
            ADD CONSTRAINT "call_answers_question_fk" FOREIGN KEY ("question_id", "call_id") REFERENCES "call_questions"("id", "call_id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_review_assignments"
            ADD CONSTRAINT "call_review_assignments_application_fk" FOREIGN KEY ("application_id", "applicant_organization_id") REFERENCES "call_applications"("id", "organization_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_review_assignments"
            ADD CONSTRAINT "call_review_assignments_reviewer_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_review_assignments"
            ADD CONSTRAINT "call_review_assignments_assigned_by_fk" FOREIGN KEY ("assigned_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_reviews"
            ADD CONSTRAINT "call_reviews_application_fk" FOREIGN KEY ("application_id") REFERENCES "call_applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_reviews"
            ADD CONSTRAINT "call_reviews_assignment_fk" FOREIGN KEY ("application_id", "reviewer_user_id") REFERENCES "call_review_assignments"("application_id", "reviewer_user_id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_criteria"
            ADD CONSTRAINT "call_criteria_call_fk" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_review_scores"
            ADD CONSTRAINT "call_review_scores_review_fk" FOREIGN KEY ("review_id") REFERENCES "call_reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_review_scores"
            ADD CONSTRAINT "call_review_scores_criterion_fk" FOREIGN KEY ("criterion_id", "max_score") REFERENCES "call_criteria"("id", "max_score") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "collaboration_projects"
            ADD CONSTRAINT "collaboration_projects_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "collaboration_projects"
            ADD CONSTRAINT "collaboration_projects_application_fk" FOREIGN KEY ("application_id", "call_id") REFERENCES "call_applications"("id", "call_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "collaboration_projects"
            ADD CONSTRAINT "collaboration_projects_host_fk" FOREIGN KEY ("host_organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "collaboration_projects"
            ADD CONSTRAINT "collaboration_projects_startup_fk" FOREIGN KEY ("startup_organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "collaboration_projects"
            ADD CONSTRAINT "collaboration_projects_created_by_fk" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "collaboration_stage_entries"
            ADD CONSTRAINT "collaboration_stage_entries_project_fk" FOREIGN KEY ("project_id") REFERENCES "collaboration_projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "collaboration_stage_entries"
            ADD CONSTRAINT "collaboration_stage_entries_recorded_by_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_sessions"
            ADD CONSTRAINT "pitch_sessions_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_sessions"
            ADD CONSTRAINT "pitch_sessions_agenda_session_fk" FOREIGN KEY ("agenda_session_id") REFERENCES "agenda_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_sessions"
            ADD CONSTRAINT "pitch_sessions_call_fk" FOREIGN KEY ("call_id", "event_id") REFERENCES "calls"("id", "event_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_sessions"
            ADD CONSTRAINT "pitch_sessions_consultation_round_fk" FOREIGN KEY ("consultation_round_id") REFERENCES "consultation_rounds"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_slots"
            ADD CONSTRAINT "pitch_slots_pitch_session_fk" FOREIGN KEY ("pitch_session_id", "event_id") REFERENCES "pitch_sessions"("id", "event_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_slots"
            ADD CONSTRAINT "pitch_slots_application_fk" FOREIGN KEY ("application_id") REFERENCES "call_applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_interests"
            ADD CONSTRAINT "pitch_interests_pitch_slot_fk" FOREIGN KEY ("pitch_slot_id") REFERENCES "pitch_slots"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_interests"
            ADD CONSTRAINT "pitch_interests_investor_fk" FOREIGN KEY ("investor_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_interests"
            ADD CONSTRAINT "pitch_interests_meeting_request_fk" FOREIGN KEY ("meeting_request_id") REFERENCES "meeting_requests"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_interests"
            ADD CONSTRAINT "pitch_interests_round_fk" FOREIGN KEY ("round_id") REFERENCES "consultation_rounds"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_ratings"
            ADD CONSTRAINT "pitch_ratings_pitch_slot_fk" FOREIGN KEY ("pitch_slot_id") REFERENCES "pitch_slots"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_ratings"
            ADD CONSTRAINT "pitch_ratings_investor_fk" FOREIGN KEY ("investor_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "pitch_ratings" DROP CONSTRAINT "pitch_ratings_investor_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_ratings" DROP CONSTRAINT "pitch_ratings_pitch_slot_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_interests" DROP CONSTRAINT "pitch_interests_round_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_interests" DROP CONSTRAINT "pitch_interests_meeting_request_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_interests" DROP CONSTRAINT "pitch_interests_investor_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_interests" DROP CONSTRAINT "pitch_interests_pitch_slot_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_slots" DROP CONSTRAINT "pitch_slots_application_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_slots" DROP CONSTRAINT "pitch_slots_pitch_session_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_sessions" DROP CONSTRAINT "pitch_sessions_consultation_round_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_sessions" DROP CONSTRAINT "pitch_sessions_call_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_sessions" DROP CONSTRAINT "pitch_sessions_agenda_session_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "pitch_sessions" DROP CONSTRAINT "pitch_sessions_event_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "collaboration_stage_entries" DROP CONSTRAINT "collaboration_stage_entries_recorded_by_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "collaboration_stage_entries" DROP CONSTRAINT "collaboration_stage_entries_project_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "collaboration_projects" DROP CONSTRAINT "collaboration_projects_created_by_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "collaboration_projects" DROP CONSTRAINT "collaboration_projects_startup_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "collaboration_projects" DROP CONSTRAINT "collaboration_projects_host_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "collaboration_projects" DROP CONSTRAINT "collaboration_projects_application_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "collaboration_projects" DROP CONSTRAINT "collaboration_projects_event_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_review_scores" DROP CONSTRAINT "call_review_scores_criterion_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_review_scores" DROP CONSTRAINT "call_review_scores_review_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_criteria" DROP CONSTRAINT "call_criteria_call_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_reviews" DROP CONSTRAINT "call_reviews_assignment_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_reviews" DROP CONSTRAINT "call_reviews_application_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_review_assignments" DROP CONSTRAINT "call_review_assignments_assigned_by_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_review_assignments" DROP CONSTRAINT "call_review_assignments_reviewer_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_review_assignments" DROP CONSTRAINT "call_review_assignments_application_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_answers" DROP CONSTRAINT "call_answers_question_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_answers" DROP CONSTRAINT "call_answers_application_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_questions" DROP CONSTRAINT "call_questions_call_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_applications" DROP CONSTRAINT "call_applications_created_by_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_applications" DROP CONSTRAINT "call_applications_organization_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_applications" DROP CONSTRAINT "call_applications_call_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "calls" DROP CONSTRAINT "calls_created_by_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "calls" DROP CONSTRAINT "calls_host_organization_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "calls" DROP CONSTRAINT "calls_event_fk"
        `);
        await queryRunner.query(`
            DROP TABLE "pitch_ratings"
        `);
        await queryRunner.query(`
            DROP TABLE "pitch_interests"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."pitch_slots_one_per_application"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."pitch_slots_event_id"
        `);
        await queryRunner.query(`
            DROP TABLE "pitch_slots"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."pitch_sessions_one_per_agenda_session"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."pitch_sessions_event_id"
        `);
        await queryRunner.query(`
            DROP TABLE "pitch_sessions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."collaboration_stage_entries_project"
        `);
        await queryRunner.query(`
            DROP TABLE "collaboration_stage_entries"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."collaboration_projects_one_per_application"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."collaboration_projects_event_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."collaboration_projects_host"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."collaboration_projects_startup"
        `);
        await queryRunner.query(`
            DROP TABLE "collaboration_projects"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."collaboration_stage"
        `);
        await queryRunner.query(`
            DROP TABLE "call_review_scores"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."call_criteria_position"
        `);
        await queryRunner.query(`
            DROP TABLE "call_criteria"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."call_reviews_one_per_reviewer"
        `);
        await queryRunner.query(`
            DROP TABLE "call_reviews"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."call_review_assignments_reviewer"
        `);
        await queryRunner.query(`
            DROP TABLE "call_review_assignments"
        `);
        await queryRunner.query(`
            DROP TABLE "call_answers"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."call_questions_position"
        `);
        await queryRunner.query(`
            DROP TABLE "call_questions"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."question_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."call_applications_one_per_organization"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."call_applications_organization_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."call_applications_event_id"
        `);
        await queryRunner.query(`
            DROP TABLE "call_applications"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."call_decision"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."call_application_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."calls_event_id"
        `);
        await queryRunner.query(`
            DROP TABLE "calls"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."call_kind"
        `);
    }

}
