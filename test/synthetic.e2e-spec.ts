import { type Connection, createConnection, type RowDataPacket } from 'mysql2/promise';
import { appConfig, databaseConfig, episodesConfig, loadDotEnv } from '../config';
import { overdueFromSql } from '../src/antenatal/overdue-from';
import { attribute } from '../src/episodes/rules/residence';
import { identifierCipher } from '../src/core/privacy/identifier-cipher';
import { addDays, daysBetween, todayIn } from '../src/core/time/calendar-date';
import { dateByBestEvidence } from '../src/women/rules/gestational-age';
import { checkResidentId } from '../src/women/rules/resident-id';
import { generateSyntheticCohort, type SyntheticSummary } from '../src/synthetic/generate';

/**
 * A 2 000-pregnancy synthetic cohort loaded into the test database beside whatever the other
 * end-to-end files left there (its own facilities, a region code of its own, ids after theirs),
 * then checked with SQL: every module's rules hold over the rows, and the distributions land
 * within the stated tolerances.
 */
const PREGNANCIES = 2000;
const COLOUR_RANK = "FIELD(colour, 'green', 'yellow', 'orange', 'red')";

/** A test that makes her positive: a confirmatory one, or any HBsAg test (no confirmation needed). */
const POSITIVE = "(t.kind = 'confirmatory' OR t.disease = 'hbsag')";

describe('synthetic cohort generator', () => {
  let db: Connection;
  let summary: SyntheticSummary;
  let today: string;
  /** Restricts a query to the generated pregnancies: `p` is the pregnancy table's alias. */
  let mine: string;

  const rows = async (sql: string): Promise<RowDataPacket[]> =>
    (await db.query<RowDataPacket[]>(sql))[0];
  const count = async (sql: string): Promise<number> => Number((await rows(sql))[0].n);
  /** Runs named "find the violations" counts; all must be 0. */
  const violations = async (checks: Record<string, string>): Promise<Record<string, number>> => {
    const found: Record<string, number> = {};
    for (const [name, sql] of Object.entries(checks)) found[name] = await count(sql);
    return found;
  };
  const zeros = (checks: Record<string, string>) =>
    Object.fromEntries(Object.keys(checks).map((name) => [name, 0]));
  const share = async (sql: string): Promise<number> => Number((await rows(sql))[0].share);

  beforeAll(async () => {
    loadDotEnv();
    const config = databaseConfig();
    today = todayIn(appConfig().timeZone);
    summary = await generateSyntheticCohort({
      pregnancies: PREGNANCIES,
      facilities: 4,
      seed: 20261122,
      facilityCodePrefix: `E2E${Date.now().toString(36)}-`,
      cityCode: '6501', // 乌鲁木齐: a region no other spec uses
      append: true,
      log: () => undefined,
    });
    db = await createConnection({
      host: config.host,
      port: config.port,
      user: config.username,
      password: config.password,
      database: config.database,
      dateStrings: true,
    });
    mine = `p.id BETWEEN ${summary.pregnancyIds.first} AND ${summary.pregnancyIds.last}`;
  }, 60_000);

  afterAll(async () => {
    await db?.end();
  });

  it('loads every table the modules fill, with staff of every role at each facility', async () => {
    expect(summary.pregnancyIds.last - summary.pregnancyIds.first + 1).toBe(PREGNANCIES);
    // Syphilis (0.2 %) and HIV (0.02 %) are too rare in 2 000 pregnancies to promise their
    // children's follow-ups and the penicillin doses, and maternal deaths (a few per 100 000)
    // their records; every other table must have rows.
    const rare = ['treatment_dose', 'infant_follow_up', 'maternal_death'];
    const empty = summary.tables.filter((t) => t.rows === 0 && !rare.includes(t.table));
    expect(empty.map((t) => t.table)).toEqual([]);
    const roles = await rows(
      `SELECT facility_id, COUNT(DISTINCT role) AS roles FROM app_user
       WHERE facility_id IN (${summary.facilityIds.join(',')}) GROUP BY facility_id`,
    );
    expect(roles.map((r) => Number(r.roles))).toEqual(summary.facilityIds.map(() => 4));
  });

  it('refuses a database that already has pregnancies unless appending', async () => {
    await expect(
      generateSyntheticCohort({ pregnancies: 10, facilities: 1, seed: 1, log: () => undefined }),
    ).rejects.toThrow(/already has pregnancies/);
  });

  it('dates pregnancies by their evidence and keeps visits inside them', async () => {
    const dated = await rows(
      `SELECT p.id, p.edd, p.edd_source, p.lmp, p.ultrasound_scan_date, p.ultrasound_ga_days,
              p.ivf_transfer_date, p.ivf_embryo_age_days FROM pregnancy p WHERE ${mine}`,
    );
    const misdated = dated.filter((p) => {
      const dating = dateByBestEvidence({
        lmp: p.lmp,
        ultrasound: p.ultrasound_scan_date
          ? { scanDate: p.ultrasound_scan_date, gaDays: p.ultrasound_ga_days }
          : null,
        ivf: p.ivf_transfer_date
          ? { transferDate: p.ivf_transfer_date, embryoAgeDays: p.ivf_embryo_age_days }
          : null,
      });
      const lmpRule = p.edd_source !== 'lmp' || p.edd === addDays(p.lmp, 280);
      return !lmpRule || dating?.edd !== p.edd || dating?.source !== p.edd_source;
    });
    expect(misdated.map((p) => p.id)).toEqual([]);

    const checks = {
      visitBeforeStart: `SELECT COUNT(*) n FROM antenatal_visit v JOIN pregnancy p ON p.id = v.pregnancy_id
        WHERE ${mine} AND (v.visit_date < p.edd - INTERVAL 280 DAY OR v.visit_date < p.registration_date)`,
      visitAfterEnd: `SELECT COUNT(*) n FROM antenatal_visit v JOIN pregnancy p ON p.id = v.pregnancy_id
        WHERE ${mine} AND p.status <> 'open' AND v.visit_date > COALESCE(p.outcome_date, p.status_date)`,
      visitInFuture: `SELECT COUNT(*) n FROM antenatal_visit v JOIN pregnancy p ON p.id = v.pregnancy_id
        WHERE ${mine} AND v.visit_date >= '${today}'`,
      twoVisitsOneDay: `SELECT COUNT(*) n FROM (SELECT v.pregnancy_id FROM antenatal_visit v
        JOIN pregnancy p ON p.id = v.pregnancy_id WHERE ${mine} GROUP BY v.pregnancy_id, v.visit_date HAVING COUNT(*) > 1) x`,
      overdueFrom: `SELECT COUNT(*) n FROM pregnancy p WHERE ${mine} AND NOT (p.overdue_from <=> ${overdueFromSql()})`,
      lastVisitDate: `SELECT COUNT(*) n FROM pregnancy p LEFT JOIN (SELECT pregnancy_id, MAX(visit_date) m
        FROM antenatal_visit GROUP BY pregnancy_id) v ON v.pregnancy_id = p.id WHERE ${mine} AND NOT (p.last_visit_date <=> v.m)`,
      openPastFortyTwoWeeks: `SELECT COUNT(*) n FROM pregnancy p WHERE ${mine} AND p.status = 'open'
        AND DATEDIFF('${today}', p.edd - INTERVAL 280 DAY) > 294`,
      twoOpenPerWoman: `SELECT COUNT(*) n FROM (SELECT p.woman_id FROM pregnancy p WHERE ${mine} AND p.status = 'open'
        GROUP BY p.woman_id HAVING COUNT(*) > 1) x`,
      overlappingPregnancies: `SELECT COUNT(*) n FROM pregnancy p JOIN pregnancy q ON q.woman_id = p.woman_id AND q.id > p.id
        WHERE ${mine} AND q.edd - INTERVAL 280 DAY <= COALESCE(p.outcome_date, p.status_date, '9999-12-31')`,
      // Every scan is a row; the pregnancy keeps the earliest, the only one used for dating.
      datingScanNotEarliest: `SELECT COUNT(*) n FROM pregnancy p WHERE ${mine}
        AND NOT (p.ultrasound_scan_date <=> (SELECT MIN(s.scan_date) FROM dating_scan s WHERE s.pregnancy_id = p.id))`,
      scanUseWrong: `SELECT COUNT(*) n FROM dating_scan s JOIN pregnancy p ON p.id = s.pregnancy_id WHERE ${mine}
        AND (s.used_for_dating <> (p.edd_source <> 'ivf' AND s.scan_date = p.ultrasound_scan_date)
          OR (s.used_for_dating = 0) <> (s.not_used_reason IS NOT NULL))`,
      scanAfterEnd: `SELECT COUNT(*) n FROM dating_scan s JOIN pregnancy p ON p.id = s.pregnancy_id WHERE ${mine}
        AND (s.scan_date >= '${today}' OR s.scan_date > COALESCE(p.outcome_date, p.status_date, '9999-12-31'))`,
    };
    expect(await violations(checks)).toEqual(zeros(checks));
    const laterScans = await count(
      `SELECT COUNT(*) n FROM dating_scan s JOIN pregnancy p ON p.id = s.pregnancy_id
       WHERE ${mine} AND s.not_used_reason = 'earlier_scan_dates'`,
    );
    expect(laterScans).toBeGreaterThan(PREGNANCIES / 50);
  });

  it('issues valid resident IDs: check character, even sequence, the birth date given', async () => {
    const women = await rows(
      `SELECT DISTINCT w.id, w.document_number, w.birth_date FROM woman w JOIN pregnancy p ON p.woman_id = w.id
       WHERE ${mine} AND w.document_type = 'resident_id'`,
    );
    expect(women.length).toBeGreaterThan(PREGNANCIES * 0.9);
    // Stored encrypted, as the app stores them.
    const invalid = women
      .map((w) => ({
        documentNumber: identifierCipher().decrypt(String(w.document_number)),
        birthDate: String(w.birth_date),
      }))
      .filter((w) => {
        const check = checkResidentId(w.documentNumber, today);
        return !check.valid || check.sequenceIsOdd || check.birthDate !== w.birthDate;
      });
    expect(invalid.map((w) => w.documentNumber)).toEqual([]);
  });

  it('records a delivery exactly for delivered pregnancies, on the outcome date, with times in order', async () => {
    const deliveries = await rows(
      `SELECT p.id, p.outcome_date, d.delivered_at FROM pregnancy p JOIN delivery d ON d.pregnancy_id = p.id WHERE ${mine}`,
    );
    const tz = appConfig().timeZone;
    const wrongDay = deliveries.filter(
      (d) =>
        todayIn(tz, new Date(`${String(d.delivered_at).replace(' ', 'T')}Z`)) !== d.outcome_date,
    );
    expect(wrongDay.map((d) => d.id)).toEqual([]);
    const now = `'${new Date().toISOString().slice(0, 23).replace('T', ' ')}'`;
    const checks = {
      deliveredWithoutDelivery: `SELECT COUNT(*) n FROM pregnancy p LEFT JOIN delivery d ON d.pregnancy_id = p.id
        WHERE ${mine} AND p.status IN ('delivered', 'closed') AND d.id IS NULL`,
      deliveryWithoutDelivered: `SELECT COUNT(*) n FROM pregnancy p JOIN delivery d ON d.pregnancy_id = p.id
        WHERE ${mine} AND p.status IN ('open', 'ended', 'transferred_out', 'lost_to_follow_up')`,
      openWithDates: `SELECT COUNT(*) n FROM pregnancy p WHERE ${mine} AND p.status = 'open'
        AND (p.outcome_date IS NOT NULL OR p.status_date IS NOT NULL)`,
      endedWithoutOutcome: `SELECT COUNT(*) n FROM pregnancy p WHERE ${mine} AND p.status = 'ended'
        AND (p.end_outcome IS NULL OR NOT (p.outcome_date <=> p.status_date))`,
      closedWithoutCheck: `SELECT COUNT(*) n FROM pregnancy p WHERE ${mine} AND p.status = 'closed' AND NOT EXISTS (
        SELECT 1 FROM postpartum_contact c WHERE c.pregnancy_id = p.id AND c.kind = 'day42_check'
        AND c.disposition = 'close' AND c.contact_date = p.status_date)`,
      bornBeforeDelivery: `SELECT COUNT(*) n FROM newborn n JOIN delivery d ON d.id = n.delivery_id
        JOIN pregnancy p ON p.id = d.pregnancy_id WHERE ${mine} AND n.born_at < d.delivered_at`,
      dischargeOutOfOrder: `SELECT COUNT(*) n FROM delivery d JOIN pregnancy p ON p.id = d.pregnancy_id
        WHERE ${mine} AND (d.mother_discharged_at <= d.delivered_at OR d.mother_discharged_at > ${now})`,
      eventOutOfOrder: `SELECT COUNT(*) n FROM feeding_event e JOIN newborn n ON n.id = e.newborn_id
        JOIN pregnancy p ON p.id = n.pregnancy_id WHERE ${mine} AND (e.start_at < n.born_at
        OR e.end_at < e.start_at OR e.start_at > ${now} OR e.end_at > ${now}
        OR (n.died_at IS NOT NULL AND e.start_at > n.died_at) OR n.vital_status <> 'live_birth')`,
      eventAfterDischarge: `SELECT COUNT(*) n FROM feeding_event e JOIN feeding_event d ON d.newborn_id = e.newborn_id
        AND d.kind = 'discharge' JOIN newborn n ON n.id = e.newborn_id JOIN pregnancy p ON p.id = n.pregnancy_id
        WHERE ${mine} AND COALESCE(e.end_at, e.start_at) > d.start_at`,
      twiceOncePerBabyEvent: `SELECT COUNT(*) n FROM (SELECT e.newborn_id FROM feeding_event e JOIN newborn n ON n.id = e.newborn_id
        JOIN pregnancy p ON p.id = n.pregnancy_id WHERE ${mine} AND e.kind IN ('first_breastfeed', 'discharge')
        GROUP BY e.newborn_id, e.kind HAVING COUNT(*) > 1) x`,
      liveBabyWithoutEvents: `SELECT COUNT(*) n FROM newborn n JOIN pregnancy p ON p.id = n.pregnancy_id
        WHERE ${mine} AND n.vital_status = 'live_birth' AND NOT EXISTS (SELECT 1 FROM feeding_event e WHERE e.newborn_id = n.id)`,
      postpartumOutsideEpisode: `SELECT COUNT(*) n FROM postpartum_contact c JOIN pregnancy p ON p.id = c.pregnancy_id
        WHERE ${mine} AND (c.contact_date < p.outcome_date OR c.contact_date >= '${today}' OR c.assessment_id IS NULL)`,
      followUpBeforeBirth: `SELECT COUNT(*) n FROM breastfeeding_follow_up f JOIN newborn n ON n.id = f.newborn_id
        JOIN pregnancy p ON p.id = n.pregnancy_id WHERE ${mine} AND (f.followed_up_on < DATE(n.born_at) OR f.followed_up_on >= '${today}')`,
    };
    expect(await violations(checks)).toEqual(zeros(checks));
  });

  it("keeps the risk module's consequences: latest colour, cases, reports, PMTCT follow-through", async () => {
    const checks = {
      colourNotLatest: `SELECT COUNT(*) n FROM pregnancy p LEFT JOIN (SELECT pregnancy_id, colour, purple,
        ROW_NUMBER() OVER (PARTITION BY pregnancy_id ORDER BY assessed_at DESC, id DESC) AS rn FROM risk_assessment) a
        ON a.pregnancy_id = p.id AND a.rn = 1 WHERE ${mine} AND (NOT (a.colour <=> p.risk_colour) OR COALESCE(a.purple, 0) <> p.risk_purple)`,
      highRiskWithoutCase: `SELECT COUNT(*) n FROM pregnancy p WHERE ${mine} AND EXISTS (SELECT 1 FROM risk_assessment a
        WHERE a.pregnancy_id = p.id AND (a.colour IN ('orange', 'red') OR a.purple = 1)
        AND (p.status IN ('open', 'delivered') OR a.assessed_on <= p.status_date))
        AND NOT EXISTS (SELECT 1 FROM high_risk_case c WHERE c.pregnancy_id = p.id)`,
      caseWithoutHighRisk: `SELECT COUNT(*) n FROM high_risk_case c JOIN pregnancy p ON p.id = c.pregnancy_id
        JOIN risk_assessment a ON a.id = c.opened_by_assessment_id WHERE ${mine} AND a.colour IN ('green', 'yellow') AND a.purple = 0`,
      // Open while pregnant, and after delivery until the nightly closure on day 56, which the
      // history (up to yesterday) has run for every delivery 56 days before yesterday.
      caseOpenAfterEpisode: `SELECT COUNT(*) n FROM high_risk_case c JOIN pregnancy p ON p.id = c.pregnancy_id
        WHERE ${mine} AND (c.status = 'open') <> (p.status = 'open'
          OR (p.status = 'delivered' AND DATEDIFF('${today}', p.outcome_date) <= 56))`,
      caseClosedBeforeOpened: `SELECT COUNT(*) n FROM high_risk_case c JOIN pregnancy p ON p.id = c.pregnancy_id
        WHERE ${mine} AND c.closed_at < c.opened_at`,
      risingWithoutReport: `SELECT COUNT(*) n FROM (SELECT a.id, a.colour, LAG(a.colour) OVER (PARTITION BY a.pregnancy_id
        ORDER BY a.assessed_at, a.id) AS previous FROM risk_assessment a JOIN pregnancy p ON p.id = a.pregnancy_id WHERE ${mine}) x
        LEFT JOIN risk_report r ON r.assessment_id = x.id WHERE x.colour IN ('orange', 'red')
        AND (x.previous IS NULL OR FIELD(x.previous, 'green', 'yellow', 'orange', 'red') < FIELD(x.colour, 'green', 'yellow', 'orange', 'red'))
        AND r.id IS NULL`,
      reportWithoutRise: `SELECT COUNT(*) n FROM risk_report r JOIN pregnancy p ON p.id = r.pregnancy_id
        JOIN risk_assessment a ON a.id = r.assessment_id WHERE ${mine} AND (a.colour NOT IN ('orange', 'red') OR r.colour <> a.colour
        OR r.due_at <> r.graded_at + INTERVAL IF(r.colour = 'red', 24, 72) HOUR OR r.reported_at < r.graded_at)`,
      // A positive HBsAg screening needs no confirmation: only HIV and syphilis wait for one.
      positiveScreeningUnconfirmed: `SELECT COUNT(*) n FROM pmtct_test s JOIN pregnancy p ON p.id = s.pregnancy_id
        WHERE ${mine} AND s.kind = 'screening' AND s.result = 'positive' AND s.disease <> 'hbsag'
        AND s.result_date < '${addDays(today, -8)}'
        AND NOT EXISTS (SELECT 1 FROM pmtct_test c WHERE c.pregnancy_id = s.pregnancy_id AND c.disease = s.disease
        AND c.kind = 'confirmatory' AND c.sample_date >= s.result_date)`,
      confirmedWithoutPurple: `SELECT COUNT(*) n FROM pregnancy p WHERE ${mine} AND p.risk_purple = 0 AND EXISTS (
        SELECT 1 FROM pmtct_test t WHERE t.pregnancy_id = p.id AND ${POSITIVE} AND t.result = 'positive')`,
      confirmedWithoutCounselling: `SELECT COUNT(*) n FROM pmtct_test t JOIN pregnancy p ON p.id = t.pregnancy_id
        WHERE ${mine} AND ${POSITIVE} AND t.result = 'positive' AND NOT EXISTS (SELECT 1 FROM pmtct_counselling c
        WHERE c.test_id = t.id AND c.stage = 'post_test')`,
      exposedBabyMissing: `SELECT COUNT(*) n FROM newborn n JOIN pregnancy p ON p.id = n.pregnancy_id WHERE ${mine}
        AND n.vital_status = 'live_birth' AND EXISTS (SELECT 1 FROM pmtct_test t WHERE t.pregnancy_id = p.id
        AND ${POSITIVE} AND t.result = 'positive') AND NOT EXISTS (SELECT 1 FROM exposed_infant i WHERE i.newborn_id = n.id)`,
      exposedBabyEarlyDose: `SELECT COUNT(*) n FROM exposed_infant i JOIN pregnancy p ON p.id = i.pregnancy_id WHERE ${mine}
        AND (i.hbig_at < i.born_at OR i.hep_bvaccine1_at < i.born_at OR i.hiv_prophylaxis_started_at < i.born_at
        OR i.syphilis_prophylaxis_at < i.born_at)`,
      // One hepatitis B dose per baby: on the newborn, never also on its exposed-baby record.
      exposedBabyDoseOutsideNewborn: `SELECT COUNT(*) n FROM exposed_infant i JOIN pregnancy p ON p.id = i.pregnancy_id
        WHERE ${mine} AND i.newborn_id IS NOT NULL AND i.hep_bvaccine1_at IS NOT NULL`,
      birthDoseOutsideLife: `SELECT COUNT(*) n FROM newborn n JOIN pregnancy p ON p.id = n.pregnancy_id WHERE ${mine}
        AND (n.hep_b_birth_dose_at < n.born_at OR n.bcg_at < n.born_at OR n.hep_b_birth_dose_at >= COALESCE(n.died_at, '9999-12-31')
        OR n.bcg_at >= COALESCE(n.died_at, '9999-12-31') OR (n.vital_status = 'stillbirth' AND n.hep_b_birth_dose_at IS NOT NULL))`,
      maternalDeathWithoutStatus: `SELECT COUNT(*) n FROM maternal_death m JOIN pregnancy p ON p.id = m.pregnancy_id
        WHERE ${mine} AND p.status <> 'maternal_death'`,
      maternalDeathWithoutCause: `SELECT COUNT(*) n FROM pregnancy p WHERE ${mine} AND p.status = 'maternal_death'
        AND NOT EXISTS (SELECT 1 FROM maternal_death m WHERE m.pregnancy_id = p.id)`,
      treatmentOutsidePregnancy: `SELECT COUNT(*) n FROM maternal_treatment m JOIN pregnancy p ON p.id = m.pregnancy_id
        WHERE ${mine} AND ((m.started_on < p.edd - INTERVAL 280 DAY AND NOT m.on_art_at_conception)
        OR m.started_on >= '${today}')`,
    };
    expect(await violations(checks)).toEqual(zeros(checks));
  });

  it('fills classes within their seats and dispenses folic acid in the past', async () => {
    const facilities = summary.facilityIds.join(',');
    const checks = {
      sessionOverfull: `SELECT COUNT(*) n FROM (SELECT s.id FROM class_session s JOIN class_attendance a ON a.session_id = s.id
        WHERE s.facility_id IN (${facilities}) GROUP BY s.id, s.capacity
        HAVING SUM(IF(a.companion IS NULL, 1, 2)) > s.capacity) x`,
      attendedBeforeSession: `SELECT COUNT(*) n FROM class_attendance a JOIN class_session s ON s.id = a.session_id
        WHERE s.facility_id IN (${facilities}) AND (s.session_date >= '${today}' OR DATE(a.checked_in_at) < s.session_date - INTERVAL 1 DAY)`,
      attendanceOfAnotherPregnancy: `SELECT COUNT(*) n FROM class_attendance a JOIN class_session s ON s.id = a.session_id
        JOIN pregnancy p ON p.id = a.pregnancy_id WHERE s.facility_id IN (${facilities})
        AND (p.woman_id <> a.woman_id OR s.session_date < p.registration_date OR s.session_date >= COALESCE(p.outcome_date, p.status_date, '9999-12-31'))`,
      folicInFuture: `SELECT COUNT(*) n FROM folic_acid_dispensing d WHERE d.facility_id IN (${facilities}) AND d.dispensed_on >= '${today}'`,
      intakeOutOfOrder: `SELECT COUNT(*) n FROM folic_acid_intake_report r WHERE r.facility_id IN (${facilities})
        AND (r.started_on > r.stopped_on OR r.stopped_on > r.reported_on OR r.reported_on >= '${today}'
        OR r.missed_days > DATEDIFF(r.stopped_on, r.started_on) + 1)`,
    };
    expect(await violations(checks)).toEqual(zeros(checks));
  });

  it('gives the cohort a district: centres serving 街道, hospitals delivering, records by participants', async () => {
    const facilities = summary.facilityIds.join(',');
    /** Pregnancy `p` and a record `r` of it by a facility that is not an active participant. */
    const byOutsider = (
      table: string,
    ) => `SELECT COUNT(*) n FROM ${table} r JOIN pregnancy p ON p.id = r.pregnancy_id
        WHERE ${mine} AND NOT EXISTS (SELECT 1 FROM episode_participant e WHERE e.pregnancy_id = p.id
        AND e.facility_id = r.facility_id AND e.status = 'active')`;
    const checks = {
      levelOneNotCentre: `SELECT COUNT(*) n FROM facility f WHERE f.id IN (${facilities})
        AND (f.level = 1) <> (f.kind = 'community_centre')`,
      centreWithoutArea: `SELECT COUNT(*) n FROM facility f WHERE f.id IN (${facilities})
        AND f.kind = 'community_centre' AND NOT EXISTS (SELECT 1 FROM facility_service_area a WHERE a.facility_id = f.id)`,
      areaOutsideDistrict: `SELECT COUNT(*) n FROM facility_service_area a JOIN facility f ON f.id = a.facility_id
        WHERE f.id IN (${facilities}) AND (f.kind <> 'community_centre' OR LENGTH(a.region_code) <> 9
        OR LEFT(a.region_code, 6) <> f.region_code)`,
      womanUnserved: `SELECT COUNT(*) n FROM pregnancy p JOIN woman w ON w.id = p.woman_id WHERE ${mine}
        AND NOT EXISTS (SELECT 1 FROM facility_service_area a
          WHERE a.region_code IN (LEFT(w.residence_region_code, 9), w.residence_region_code))`,
      deliveredByCentre: `SELECT COUNT(*) n FROM delivery d JOIN pregnancy p ON p.id = d.pregnancy_id
        JOIN facility f ON f.id = d.facility_id WHERE ${mine} AND f.kind <> 'hospital'`,
      unattributed: `SELECT COUNT(*) n FROM delivery d JOIN pregnancy p ON p.id = d.pregnancy_id WHERE ${mine}
        AND (d.residence_category IS NULL OR d.attributed_region_code IS NULL OR d.attribution_rule IS NULL)`,
      babyElsewhere: `SELECT COUNT(*) n FROM newborn n JOIN delivery d ON d.id = n.delivery_id
        JOIN pregnancy p ON p.id = d.pregnancy_id WHERE ${mine} AND n.facility_id <> d.facility_id`,
      noticeMissing: `SELECT COUNT(*) n FROM delivery d JOIN pregnancy p ON p.id = d.pregnancy_id
        LEFT JOIN delivery_notice x ON x.delivery_id = d.id
        WHERE ${mine} AND (x.id IS NULL) <> (d.maternal_outcome = 'death')`,
      noticeMisrouted: `SELECT COUNT(*) n FROM delivery_notice x JOIN pregnancy p ON p.id = x.pregnancy_id
        JOIN woman w ON w.id = p.woman_id WHERE ${mine}
        AND (x.region_code <> COALESCE(p.postpartum_region_code, w.residence_region_code)
          OR NOT (x.target_facility_id <=> (SELECT a.facility_id FROM facility_service_area a
            WHERE x.region_code LIKE CONCAT(a.region_code, '%') ORDER BY LENGTH(a.region_code) DESC LIMIT 1))
          OR (x.status = 'unrouted') <> (x.target_facility_id IS NULL))`,
      acknowledgedWithoutVisitor: `SELECT COUNT(*) n FROM delivery_notice x JOIN pregnancy p ON p.id = x.pregnancy_id
        WHERE ${mine} AND x.status = 'acknowledged' AND NOT EXISTS (SELECT 1 FROM episode_participant e
          WHERE e.pregnancy_id = p.id AND e.facility_id = x.target_facility_id
          AND e.role = 'postpartum_visiting' AND e.status = 'active' AND e.started_via = 'delivery_notice')`,
      visitBeforeAcknowledged: `SELECT COUNT(*) n FROM postpartum_contact c JOIN pregnancy p ON p.id = c.pregnancy_id
        JOIN delivery_notice x ON x.pregnancy_id = p.id AND x.target_facility_id = c.facility_id
        WHERE ${mine} AND c.facility_id <> p.facility_id AND (x.acknowledged_at IS NULL
          OR c.contact_date < DATE(x.acknowledged_at))`,
      deliveryByOutsider: byOutsider('delivery'),
      newbornByOutsider: byOutsider('newborn'),
      visitByOutsider: byOutsider('antenatal_visit'),
      assessmentByOutsider: byOutsider('risk_assessment'),
      testByOutsider: byOutsider('pmtct_test'),
      postpartumByOutsider: byOutsider('postpartum_contact'),
      followUpByOutsider: byOutsider('breastfeeding_follow_up'),
    };
    expect(await violations(checks)).toEqual(zeros(checks));

    const outside = await share(
      `SELECT AVG(d.facility_id <> p.registering_facility_id) share FROM delivery d
       JOIN pregnancy p ON p.id = d.pregnancy_id WHERE ${mine}`,
    );
    const atHomeCentre = await share(
      `SELECT AVG(EXISTS (SELECT 1 FROM facility_service_area a WHERE a.facility_id = p.registering_facility_id
         AND a.region_code = LEFT(w.residence_region_code, 9))) share
       FROM pregnancy p JOIN woman w ON w.id = p.woman_id WHERE ${mine}`,
    );
    const notices = await rows(
      `SELECT x.status, COUNT(*) AS n, AVG(TIMESTAMPDIFF(HOUR, x.sent_at, x.acknowledged_at) < 24) AS within_day
       FROM delivery_notice x JOIN pregnancy p ON p.id = x.pregnancy_id WHERE ${mine} GROUP BY x.status`,
    );
    const byStatus = Object.fromEntries(notices.map((r) => [r.status, Number(r.n)]));
    const total = notices.reduce((sum, r) => sum + Number(r.n), 0);
    const acknowledged = notices.find((r) => r.status === 'acknowledged');
    // Stated tolerances for 2 000 pregnancies (about 3 standard errors).
    expect(Math.abs(outside - 0.6)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(atHomeCentre - 0.55)).toBeLessThanOrEqual(0.05);
    expect(byStatus.acknowledged / total).toBeGreaterThan(0.85);
    expect(byStatus.sent).toBeGreaterThan(0);
    expect(byStatus.unrouted).toBeGreaterThan(0);
    expect(Number(acknowledged?.within_day)).toBeGreaterThan(0.8);

    // Counted by the service's rules (RESIDENCE_RULES): every delivery, migrants by their 户籍 or
    // residence as the rule of the province says.
    const counted = await rows(
      `SELECT d.id, d.residence_category, d.attributed_region_code, d.attribution_rule, p.outcome_date,
              w.document_type, w.hukou_region_code, w.residence_region_code, w.residence_since, w.household_type
       FROM delivery d JOIN pregnancy p ON p.id = d.pregnancy_id JOIN woman w ON w.id = p.woman_id WHERE ${mine}`,
    );
    const miscounted = counted.filter((d) => {
      const expected = attribute(
        {
          documentType: d.document_type,
          hukouRegionCode: d.hukou_region_code,
          residenceRegionCode: d.residence_region_code,
          residenceSince: d.residence_since,
          deliveredOn: d.outcome_date,
        },
        episodesConfig().attribution,
      );
      return (
        d.residence_category !== expected.category ||
        d.attributed_region_code !== expected.regionCode ||
        d.attribution_rule !== expected.rule
      );
    });
    expect(miscounted.map((d) => d.id)).toEqual([]);
    const local = counted.filter((d) => d.residence_category === 'local').length / counted.length;
    expect(Math.abs(local - 0.7)).toBeLessThanOrEqual(0.05);
    expect(
      counted.every((d) => (d.household_type === 'local') === (d.residence_category === 'local')),
    ).toBe(true);
  });

  /** A facility already in the database, with a nurse and an MCH staff member (their ids). */
  const existingFacility = async (
    code: string,
    level: number,
    kind: string,
    regionCode: string,
  ): Promise<{ insertId: number; staff: number[] }> => {
    const [facility] = await db.query<import('mysql2').ResultSetHeader>(
      "INSERT INTO facility (code, name, level, kind, region_code, version) VALUES (?, '既有机构', ?, ?, ?, 1)",
      [code, level, kind, regionCode],
    );
    const staff: number[] = [];
    for (const role of ['nurse', 'mch_staff']) {
      const [user] = await db.query<import('mysql2').ResultSetHeader>(
        "INSERT INTO app_user (facility_id, username, display_name, role, password_hash, active, version) VALUES (?, ?, 'x', ?, 'scrypt$x', 1, 1)",
        [facility.insertId, `${code}.${role}`.toLowerCase(), role],
      );
      staff.push(user.insertId);
    }
    return { insertId: facility.insertId, staff };
  };

  it('adds a cohort to existing facilities: their staff, their schedule, ids after the others', async () => {
    const code = `E2E-INTO-${Date.now().toString(36)}`;
    const { staff, ...facility } = await existingFacility(code, 2, 'hospital', '650102');
    // A denser schedule of its own, which the overdue days must follow.
    for (const [ordinal, start, end] of [
      [1, 42, 84],
      [2, 98, 139],
      [3, 140, 180],
      [4, 196, 280],
    ]) {
      await db.query(
        "INSERT INTO schedule_window (facility_id, ordinal, code, label, start_day, end_day) VALUES (?, ?, CONCAT('V', ?), 'v', ?, ?)",
        [facility.insertId, ordinal, ordinal, start, end],
      );
    }
    const before = await count('SELECT MAX(id) AS n FROM pregnancy');
    const users = await count('SELECT COUNT(*) AS n FROM app_user');

    const added = await generateSyntheticCohort({
      pregnancies: 150,
      facilities: 0,
      seed: 11,
      intoFacilities: [code],
      append: true,
      log: () => undefined,
    });
    expect(added.facilityIds).toEqual([facility.insertId]);
    expect(added.pregnancyIds.first).toBe(before + 1);
    const theirs = `p.id BETWEEN ${added.pregnancyIds.first} AND ${added.pregnancyIds.last}`;
    const checks = {
      elsewhere: `SELECT COUNT(*) n FROM pregnancy p WHERE ${theirs} AND p.facility_id <> ${facility.insertId}`,
      createdByOthers: `SELECT COUNT(*) n FROM pregnancy p WHERE ${theirs} AND p.created_by NOT IN (${staff.join(',')})`,
      visitByOthers: `SELECT COUNT(*) n FROM antenatal_visit v JOIN pregnancy p ON p.id = v.pregnancy_id
        WHERE ${theirs} AND v.recorded_by NOT IN (${staff.join(',')})`,
      overdueFrom: `SELECT COUNT(*) n FROM pregnancy p WHERE ${theirs} AND NOT (p.overdue_from <=> ${overdueFromSql()})`,
    };
    expect(await violations(checks)).toEqual(zeros(checks));
    expect(
      await count(
        `SELECT COUNT(*) n FROM pregnancy p WHERE ${theirs} AND p.overdue_from IS NOT NULL`,
      ),
    ).toBeGreaterThan(0);
    expect(await count('SELECT COUNT(*) AS n FROM app_user')).toBe(users);
  });

  it('adds a cohort to an existing centre and hospital: she lives in its streets and delivers at the hospital', async () => {
    const suffix = Date.now().toString(36);
    const centre = await existingFacility(`E2E-C-${suffix}`, 1, 'community_centre', '650103');
    const hospital = await existingFacility(`E2E-H-${suffix}`, 3, 'hospital', '650103');
    const street = '650103901';
    await db.query('INSERT INTO facility_service_area (region_code, facility_id) VALUES (?, ?)', [
      street,
      centre.insertId,
    ]);
    const added = await generateSyntheticCohort({
      pregnancies: 200,
      facilities: 0,
      seed: 12,
      intoFacilities: [`E2E-C-${suffix}`, `E2E-H-${suffix}`],
      append: true,
      log: () => undefined,
    });
    const theirs = `p.id BETWEEN ${added.pregnancyIds.first} AND ${added.pregnancyIds.last}`;
    const checks = {
      elsewhere: `SELECT COUNT(*) n FROM pregnancy p JOIN woman w ON w.id = p.woman_id WHERE ${theirs}
        AND (LEFT(w.residence_region_code, 9) <> '${street}' OR p.facility_id NOT IN (${centre.insertId}, ${hospital.insertId}))`,
      notDeliveredByHospital: `SELECT COUNT(*) n FROM delivery d JOIN pregnancy p ON p.id = d.pregnancy_id
        WHERE ${theirs} AND d.facility_id <> ${hospital.insertId}`,
      noticeNotToCentre: `SELECT COUNT(*) n FROM delivery_notice x JOIN pregnancy p ON p.id = x.pregnancy_id
        WHERE ${theirs} AND x.region_code LIKE '${street}%' AND NOT (x.target_facility_id <=> ${centre.insertId})`,
    };
    expect(await violations(checks)).toEqual(zeros(checks));
    const atCentre = await share(
      `SELECT AVG(p.facility_id = ${centre.insertId}) share FROM pregnancy p WHERE ${theirs}`,
    );
    expect(atCentre).toBeGreaterThan(0.4);
    expect(atCentre).toBeLessThan(0.7);
  });

  it('lands within tolerance of the distributions it claims', async () => {
    const start = 'p.edd - INTERVAL 280 DAY';
    const earlyRegistration = await share(
      `SELECT AVG(DATEDIFF(p.registration_date, ${start}) < 91) share FROM pregnancy p WHERE ${mine}`,
    );
    const caesarean = await share(
      `SELECT AVG(d.mode = 'caesarean') share FROM delivery d JOIN pregnancy p ON p.id = d.pregnancy_id WHERE ${mine}`,
    );
    const highest = `SELECT a.pregnancy_id, MAX(${COLOUR_RANK}) AS top FROM risk_assessment a
      JOIN pregnancy p ON p.id = a.pregnancy_id WHERE ${mine} GROUP BY a.pregnancy_id`;
    const yellowPlus = await share(`SELECT AVG(top >= 2) share FROM (${highest}) x`);
    const orangePlus = await share(`SELECT AVG(top >= 3) share FROM (${highest}) x`);
    const hbsag = await share(
      `SELECT AVG(EXISTS (SELECT 1 FROM pmtct_test t WHERE t.pregnancy_id = p.id AND t.disease = 'hbsag'
       AND t.result = 'positive')) share FROM pregnancy p WHERE ${mine}`,
    );
    const exclusive = await rows(
      `SELECT f.contact, AVG(f.classification = 'exclusive') share FROM breastfeeding_follow_up f
       JOIN pregnancy p ON p.id = f.pregnancy_id WHERE ${mine} GROUP BY f.contact`,
    );
    const byContact = Object.fromEntries(exclusive.map((r) => [r.contact, Number(r.share)]));

    // Stated tolerances for 2 000 pregnancies (about 3 standard errors).
    expect(Math.abs(earlyRegistration - 0.8)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(caesarean - 0.35)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(yellowPlus - 0.55)).toBeLessThanOrEqual(0.07);
    expect(Math.abs(orangePlus - 0.1)).toBeLessThanOrEqual(0.04);
    expect(Math.abs(hbsag - 0.06)).toBeLessThanOrEqual(0.025);
    expect(byContact.postpartum_visit).toBeGreaterThan(byContact.day42_check);
    expect(byContact.day42_check).toBeGreaterThan(byContact.phone_6m);
    expect(Math.abs(byContact.phone_6m - 0.29)).toBeLessThanOrEqual(0.1);

    // Births spread over the two statistical years and the current one, up to yesterday.
    const [range] = await rows(
      `SELECT MIN(p.outcome_date) AS first, MAX(p.outcome_date) AS last FROM pregnancy p
       WHERE ${mine} AND p.status IN ('delivered', 'closed')`,
    );
    expect(daysBetween(summary.windowStart, range.first)).toBeLessThan(45);
    expect(daysBetween(range.last, today)).toBeLessThan(30);
  });
});
