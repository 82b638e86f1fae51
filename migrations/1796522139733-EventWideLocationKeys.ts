import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A location's place is its key within the event (its name, normalized), which meetings carry: one exclusion
 * constraint per event and key replaces the one per location, so a table is never in two overlapping meetings across
 * rounds and programmes of an event.
 * Reviewed: existing locations and meetings get their keys before the column becomes NOT NULL and the constraints
 * apply (the generated ALTER ... ADD "key" text NOT NULL fails on a table with rows); data the constraints would refuse
 * is listed in a clear error before they are made.
 */
export class EventWideLocationKeys1796522139733 implements MigrationInterface {
    name = 'EventWideLocationKeys1796522139733'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "meetings" DROP CONSTRAINT "meetings_location_fk"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."round_locations_name_unique"
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings" DROP CONSTRAINT "meetings_location_no_overlap"
        `);
        await queryRunner.query(`
            ALTER TABLE "round_locations"
            ADD "key" text
        `);
        await queryRunner.query(`
            UPDATE "round_locations" SET "key" = lower(btrim(regexp_replace("name", '\\s+', ' ', 'g')))
        `);
        await queryRunner.query(`
            ALTER TABLE "round_locations" ALTER COLUMN "key" SET NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings"
            ADD "location_key" text
        `);
        await queryRunner.query(`
            UPDATE "meetings" m SET "location_key" = l."key" FROM "round_locations" l WHERE l."id" = m."location_id"
        `);
        // Data the new constraints would refuse stops the migration with a list of what to fix first, rather than a
        // bare constraint error: names that become one place in a round, meetings of one event at the same place at
        // once, and meetings at a location of another round.
        await queryRunner.query(`
            DO $$
            DECLARE
                conflicts text;
            BEGIN
                SELECT string_agg(format('round %s: %s', round_id, names), '; ') INTO conflicts
                  FROM (SELECT round_id, string_agg(quote_literal(name), ', ') AS names
                          FROM round_locations GROUP BY round_id, "key" HAVING count(*) > 1) AS same_place;
                IF conflicts IS NOT NULL THEN
                    RAISE EXCEPTION 'Locations of one round whose names differ only in case or spacing; rename them first: %', conflicts;
                END IF;
                SELECT string_agg(format('%s and %s at %s', a.id, b.id, quote_literal(a.location_key)), '; ') INTO conflicts
                  FROM meetings a JOIN meetings b
                    ON a.event_id = b.event_id AND a.location_key = b.location_key AND a.id < b.id
                   AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
                 WHERE a.status <> 'cancelled' AND b.status <> 'cancelled';
                IF conflicts IS NOT NULL THEN
                    RAISE EXCEPTION 'Active meetings of one event at a place of the same name at overlapping times; move or cancel one of each pair first: %', conflicts;
                END IF;
                SELECT string_agg(m.id::text, ', ') INTO conflicts
                  FROM meetings m JOIN round_locations l ON l.id = m.location_id WHERE l.round_id <> m.round_id;
                IF conflicts IS NOT NULL THEN
                    RAISE EXCEPTION 'Meetings at a location of another round; move them first: %', conflicts;
                END IF;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "round_locations_key_unique" ON "round_locations" ("round_id", "key")
        `);
        await queryRunner.query(`
            ALTER TABLE "round_locations"
            ADD CONSTRAINT "round_locations_key_normalized" CHECK (
                    "key" = lower(btrim(regexp_replace("name", '\\s+', ' ', 'g')))
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings"
            ADD CONSTRAINT "meetings_location_key_present" CHECK (
                    ("location_id" IS NULL) = ("location_key" IS NULL)
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings"
            ADD CONSTRAINT "meetings_event_location_no_overlap" EXCLUDE USING gist (
                    "event_id" WITH =,
                    "location_key" WITH =,
                    tstzrange("starts_at", "ends_at") WITH &&
                )
            WHERE (
                    "location_key" IS NOT NULL
                    AND "status" <> 'cancelled'
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "round_locations"
            ADD CONSTRAINT "round_locations_id_round_key" UNIQUE ("id", "round_id", "key")
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings"
            ADD CONSTRAINT "meetings_location_fk" FOREIGN KEY ("location_id", "round_id", "location_key") REFERENCES "round_locations"("id", "round_id", "key") ON DELETE RESTRICT ON UPDATE CASCADE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "meetings" DROP CONSTRAINT "meetings_location_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "round_locations" DROP CONSTRAINT "round_locations_id_round_key"
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings" DROP CONSTRAINT "meetings_event_location_no_overlap"
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings" DROP CONSTRAINT "meetings_location_key_present"
        `);
        await queryRunner.query(`
            ALTER TABLE "round_locations" DROP CONSTRAINT "round_locations_key_normalized"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."round_locations_key_unique"
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings" DROP COLUMN "location_key"
        `);
        await queryRunner.query(`
            ALTER TABLE "round_locations" DROP COLUMN "key"
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings"
            ADD CONSTRAINT "meetings_location_no_overlap" EXCLUDE USING gist (
                    location_id WITH =,
                    tstzrange(starts_at, ends_at) WITH &&
                )
            WHERE (
                    (
                        (location_id IS NOT NULL)
                        AND (status <> 'cancelled'::meeting_status)
                    )
                )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "round_locations_name_unique" ON "round_locations" USING btree ("round_id", "name")
        `);
        await queryRunner.query(`
            ALTER TABLE "meetings"
            ADD CONSTRAINT "meetings_location_fk" FOREIGN KEY ("location_id") REFERENCES "round_locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

}
