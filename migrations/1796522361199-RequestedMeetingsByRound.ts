import { MigrationInterface, QueryRunner } from "typeorm";

/** Bookings still waiting for the other side, by round: expiry finds them when a round's booking window closes. */
export class RequestedMeetingsByRound1796522361199 implements MigrationInterface {
    name = 'RequestedMeetingsByRound1796522361199'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "meetings_requested_round" ON "meetings" ("round_id")
            WHERE "status" = 'requested'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."meetings_requested_round"
        `);
    }

}
