import { MigrationInterface, QueryRunner } from 'typeorm';

/** Merge reviews requested for possible duplicates, seen by both facilities involved. */
export class MergeReviews1795361100000 implements MigrationInterface {
  name = 'MergeReviews1795361100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`merge_review\` (\`id\` int NOT NULL AUTO_INCREMENT, \`possible_duplicate_id\` int NOT NULL, \`requesting_facility_id\` int NOT NULL, \`matched_facility_id\` int NOT NULL, \`status\` enum ('requested') NOT NULL DEFAULT 'requested', \`note\` varchar(500) NULL, \`requested_by\` int NOT NULL, \`requested_at\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_merge_review_duplicate\` (\`possible_duplicate_id\`), INDEX \`idx_merge_review_requesting\` (\`requesting_facility_id\`, \`requested_at\`), INDEX \`idx_merge_review_matched\` (\`matched_facility_id\`, \`requested_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `merge_review`');
  }
}
