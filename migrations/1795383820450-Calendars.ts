import { MigrationInterface, QueryRunner } from "typeorm";

export class Calendars1795383820450 implements MigrationInterface {
    name = 'Calendars1795383820450'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "calendar_feed_tokens" (
                "user_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "calendar_feed_tokens_pkey" PRIMARY KEY ("user_id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "calendar_feed_tokens_hash_unique" ON "calendar_feed_tokens" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "travel_time_zones" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "time_zone" text NOT NULL,
                "starts_on" date,
                "ends_on" date,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "travel_time_zones_dates_ordered" CHECK (
                    "starts_on" IS NULL
                    OR "ends_on" IS NULL
                    OR "ends_on" >= "starts_on"
                ),
                CONSTRAINT "travel_time_zones_no_overlap" EXCLUDE USING gist (
                    "user_id" WITH =,
                    daterange("starts_on", "ends_on", '[]') WITH &&
                ),
                CONSTRAINT "travel_time_zones_pkey" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "unavailable_slots_user_starts" ON "unavailable_slots" ("user_id", "starts_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed_tokens"
            ADD CONSTRAINT "calendar_feed_tokens_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "travel_time_zones"
            ADD CONSTRAINT "travel_time_zones_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "travel_time_zones" DROP CONSTRAINT "travel_time_zones_user_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed_tokens" DROP CONSTRAINT "calendar_feed_tokens_user_fk"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."unavailable_slots_user_starts"
        `);
        await queryRunner.query(`
            DROP TABLE "travel_time_zones"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."calendar_feed_tokens_hash_unique"
        `);
        await queryRunner.query(`
            DROP TABLE "calendar_feed_tokens"
        `);
    }

}
