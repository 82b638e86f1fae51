import { MigrationInterface, QueryRunner } from "typeorm";

/** Rounds count their changes, so a booking checked against one version of a round cannot land in the next. */
export class RoundRevisions1796522877911 implements MigrationInterface {
    name = 'RoundRevisions1796522877911'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "consultation_rounds"
            ADD "revision" integer NOT NULL DEFAULT '1'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "consultation_rounds" DROP COLUMN "revision"
        `);
    }

}
