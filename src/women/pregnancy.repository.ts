import type { EntityManager } from 'typeorm';
import { hydrate } from '../core/database/plain-rows';
import { Pregnancy } from './pregnancy.entity';
import type { EddSource } from './rules/gestational-age';

/**
 * The pregnancy locked for the caller's transaction, which it serialises with every other write
 * to her record. Plain SQL: every visit recorded starts with it.
 */
export async function findPregnancyForUpdate(
  manager: EntityManager,
  id: number,
): Promise<Pregnancy | null> {
  const [row] = await manager.query<Record<string, unknown>[]>(
    'SELECT * FROM pregnancy WHERE id = ? FOR UPDATE',
    [id],
  );
  return row ? hydrate(manager, Pregnancy, row) : null;
}

/** The day her latest earlier pregnancy ended, if any ended (a transfer or loss does not). */
export async function findLatestOutcomeDateOfWoman(
  manager: EntityManager,
  womanId: number,
  excludingPregnancyId?: number,
): Promise<string | null> {
  const builder = manager
    .createQueryBuilder(Pregnancy, 'pregnancy')
    .select('MAX(pregnancy.outcomeDate)', 'latest')
    .where('pregnancy.womanId = :womanId', { womanId });
  if (excludingPregnancyId !== undefined) {
    builder.andWhere('pregnancy.id <> :excludingPregnancyId', { excludingPregnancyId });
  }
  const row = await builder.getRawOne<{ latest: string | null }>();
  return row?.latest ?? null;
}

/** The request field that dated the pregnancy, for errors about its start. */
export const DATING_FIELD: Record<EddSource, string> = {
  lmp: 'lmp',
  ultrasound: 'ultrasound.scanDate',
  ivf: 'ivf.transferDate',
};
