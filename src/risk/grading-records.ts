import type { EntityManager } from 'typeorm';
import { execute } from '../core/database/plain-rows';
import type { AntenatalVisit } from '../antenatal/antenatal-visit.entity';
import type { PmtctTest } from '../pmtct/pmtct.entities';
import type { Pregnancy } from '../women/pregnancy.entity';

/** The measurements of a visit a grading derives factors from. */
export type GradingVisit = Pick<
  AntenatalVisit,
  | 'id'
  | 'visitDate'
  | 'weightKg'
  | 'heightCm'
  | 'systolicMmHg'
  | 'diastolicMmHg'
  | 'haemoglobinGL'
  | 'plateletsE9L'
>;

/** A test of the woman (never her partner's) as a grading reads it. */
export type GradingTest = Pick<
  PmtctTest,
  'id' | 'subject' | 'disease' | 'kind' | 'sampleDate' | 'result' | 'resultDate'
>;

export interface LatestAssessment {
  id: number;
  assessedOn: string;
  catalogueId: number;
  /** The clinician's factors of that assessment, in the order they were stored. */
  tickedCodes: string[];
  /** The notes on those factors, by code. */
  tickedNotes: Record<string, string>;
  /** The factors that assessment derived from the records. */
  derivedCodes: string[];
}

/** Everything a grading reads about one pregnancy besides the pregnancy row itself. */
export interface GradingRecords {
  latest: LatestAssessment | null;
  birthDate: string;
  /** By visit date, then id. */
  visits: GradingVisit[];
  /** By sample date, then id. */
  tests: GradingTest[];
}

/** The records' columns as `GRADING_RECORDS_COLUMNS` names them. */
export interface GradingRecordsRow {
  grading_birth_date: string;
  grading_latest: string | LatestJson | null;
  grading_factors: string | FactorJson[] | null;
  grading_notes: string | Array<string | null> | null;
  grading_visits: string | GradingVisit[] | null;
  grading_tests: string | GradingTest[] | null;
}
type LatestJson = Omit<LatestAssessment, 'tickedCodes' | 'tickedNotes' | 'derivedCodes'>;
type FactorJson = { id: number; code: string; origin: 'derived' | 'ticked' };

const LATEST_ASSESSMENT = `SELECT a.id FROM risk_assessment a WHERE a.pregnancy_id = p.id
  ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1`;

/**
 * The records as columns of a statement on the pregnancy row (alias `p`), one subquery per table:
 * a visit re-grades inside its transaction, so every round trip here is paid by each visit
 * recorded, and the visit paths read these in the very statement that locks the pregnancy. The
 * subqueries of a locking read take no locks of their own; each names `p`'s columns, not a
 * parameter, so that MariaDB cannot evaluate it before the pregnancy row is read, that is before
 * the lock is granted and from a snapshot older than the visit that held it (a test sends visits
 * at once to catch that). Rows come back as JSON and are put in the order the rules expect by
 * `gradingRecordsFrom`.
 *
 * The factors' notes come in an array of their own, in the same order (by id): an aggregated
 * object holding a note (up to 500 characters) is too long for MariaDB's in-memory temporary
 * table, and the one it writes to disk instead cost each visit a tenth of a millisecond.
 */
export const GRADING_RECORDS_COLUMNS = `
  (SELECT w.birth_date FROM woman w WHERE w.id = p.woman_id) AS grading_birth_date,
  (SELECT JSON_OBJECT('id', a.id, 'assessedOn', a.assessed_on, 'catalogueId', a.catalogue_id)
     FROM risk_assessment a WHERE a.id = (${LATEST_ASSESSMENT})) AS grading_latest,
  (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', f.id, 'code', f.code, 'origin', f.origin) ORDER BY f.id)
     FROM risk_assessment_factor f
     WHERE f.assessment_id = (${LATEST_ASSESSMENT})) AS grading_factors,
  (SELECT JSON_ARRAYAGG(f.note ORDER BY f.id)
     FROM risk_assessment_factor f
     WHERE f.assessment_id = (${LATEST_ASSESSMENT})) AS grading_notes,
  (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', v.id, 'visitDate', v.visit_date,
       'weightKg', v.weight_kg, 'heightCm', v.height_cm, 'systolicMmHg', v.systolic_mm_hg,
       'diastolicMmHg', v.diastolic_mm_hg, 'haemoglobinGL', v.haemoglobin_gl,
       'plateletsE9L', v.platelets_e9_l))
     FROM antenatal_visit v WHERE v.pregnancy_id = p.id AND v.voided_at IS NULL) AS grading_visits,
  (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', t.id, 'subject', t.subject, 'disease', t.disease,
       'kind', t.kind, 'sampleDate', t.sample_date, 'result', t.result, 'resultDate', t.result_date))
     FROM pmtct_test t WHERE t.pregnancy_id = p.id AND t.subject = 'woman') AS grading_tests`;

const RECORDS_SQL = `SELECT ${GRADING_RECORDS_COLUMNS} FROM pregnancy p WHERE p.id = ?`;

/** The records of a pregnancy already locked (or read) in this transaction, in one statement. */
export async function loadGradingRecords(
  manager: EntityManager,
  pregnancy: Pick<Pregnancy, 'id'>,
): Promise<GradingRecords> {
  const [row] = await execute<GradingRecordsRow[]>(manager, RECORDS_SQL, [pregnancy.id]);
  return gradingRecordsFrom(row);
}

/** The records out of a row holding `GRADING_RECORDS_COLUMNS`. */
export function gradingRecordsFrom(row: GradingRecordsRow): GradingRecords {
  const latest = json<LatestJson>(row.grading_latest);
  const notes = json<Array<string | null>>(row.grading_notes) ?? [];
  const factors = (json<FactorJson[]>(row.grading_factors) ?? []).map((factor, i) => ({
    ...factor,
    note: notes[i] ?? null,
  }));
  const ticked = factors.filter((factor) => factor.origin === 'ticked');
  const visits = json<GradingVisit[]>(row.grading_visits) ?? [];
  const tests = json<GradingTest[]>(row.grading_tests) ?? [];
  return {
    latest: latest && {
      ...latest,
      tickedCodes: ticked.map((factor) => factor.code),
      tickedNotes: Object.fromEntries(
        ticked.flatMap((factor) => (factor.note ? [[factor.code, factor.note]] : [])),
      ),
      derivedCodes: factors.filter((f) => f.origin === 'derived').map((f) => f.code),
    },
    birthDate: row.grading_birth_date,
    visits: sortVisits(visits),
    tests: tests.sort((a, b) => compare(a.sampleDate, b.sampleDate) || a.id - b.id),
  };
}

/** Visits in the order of the record: by date, then by id. */
export function sortVisits<T extends Pick<GradingVisit, 'id' | 'visitDate'>>(visits: T[]): T[] {
  return visits.sort((a, b) => compare(a.visitDate, b.visitDate) || a.id - b.id);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// MariaDB returns JSON functions as text, MySQL as JSON the driver has parsed already.
function json<T>(value: string | T | null): T | null {
  if (value === null) return null;
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
