import { classifyRecall } from '../breastfeeding/rules/feeding-recall';
import { addDays, daysBetween } from '../core/time/calendar-date';
import { earlyInitiation, earlySkinToSkin } from '../delivery/rules/feeding-flags';
import {
  highRiskNewbornReasons,
  servingFacility,
  visitDueOn,
} from '../episodes/rules/delivery-notices';
import { attribute } from '../episodes/rules/residence';
import { uptake } from '../folic-acid/rules/folic-acid';
import { colourRank, type RiskColour } from '../risk/rules/risk-colour';
import { dateByBestEvidence } from '../women/rules/gestational-age';
import { checkDating, checkObstetricHistory } from '../women/rules/registration-checks';
import { checkResidentId } from '../women/rules/resident-id';
import { EXAMPLE_ATTRIBUTION, generateInMemory } from './in-memory-cohort';
import type { Cell, TableName } from './tables';

type Row = Record<string, Cell>;

const TODAY = '2026-11-22';
const YESTERDAY = '2026-11-21';
// Instants are UTC; the hospital's today begins at 16:00 UTC the day before.
const HISTORY_END = '2026-11-21 16:00:00.000';

const { sink } = generateInMemory({ pregnancies: 12_000, facilities: 12, seed: 11, today: TODAY });
const rows = (table: Parameters<typeof sink.records>[0]) => sink.records(table);
const pregnancies = rows('pregnancy');
const byPregnancy = <T extends Row>(list: T[], key = 'pregnancy_id'): Map<Cell, T[]> => {
  const map = new Map<Cell, T[]>();
  for (const row of list) {
    const group = map.get(row[key]);
    if (group) group.push(row);
    else map.set(row[key], [row]);
  }
  return map;
};
const share = (list: unknown[], test: (x: never) => boolean) =>
  list.filter((x) => test(x as never)).length / list.length;
const str = (value: Cell) => value as string;
const toDate = (instant: Cell) => new Date(`${str(instant).replace(' ', 'T')}Z`);
/** The hospital's (Asia/Shanghai) calendar day of a stored UTC instant. */
const localDay = (instant: Cell) =>
  instant === null
    ? null
    : new Date(toDate(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('a generated cohort of 12 000 pregnancies', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = generateInMemory({ pregnancies: 300, facilities: 3, seed: 5, today: TODAY }).sink;
    const b = generateInMemory({ pregnancies: 300, facilities: 3, seed: 5, today: TODAY }).sink;
    const c = generateInMemory({ pregnancies: 300, facilities: 3, seed: 6, today: TODAY }).sink;
    expect(b.rows).toEqual(a.rows);
    expect(c.rows.get('woman')).not.toEqual(a.rows.get('woman'));
  });

  it('dates every pregnancy as the registration rules would: EDD from its own evidence', () => {
    const wrong: Cell[] = [];
    for (const p of pregnancies) {
      const evidence = {
        lmp: p.lmp as string | null,
        ultrasound:
          p.ultrasound_scan_date === null
            ? null
            : { scanDate: str(p.ultrasound_scan_date), gaDays: p.ultrasound_ga_days as number },
        ivf:
          p.ivf_transfer_date === null
            ? null
            : {
                transferDate: str(p.ivf_transfer_date),
                embryoAgeDays: p.ivf_embryo_age_days as number,
              },
      };
      const dating = dateByBestEvidence(evidence)!;
      // A redated pregnancy was registered on its LMP alone: check the registration as it was.
      const scannedLater =
        p.ultrasound_scan_date !== null && str(p.ultrasound_scan_date) > str(p.registration_date);
      const atRegistration = scannedLater ? { ...evidence, ultrasound: null } : evidence;
      const history = {
        gravidity: p.gravidity as number,
        parity: p.parity as number,
        previousCaesareans: p.previous_caesareans as number,
      };
      if (
        dating.edd !== p.edd ||
        dating.source !== p.edd_source ||
        (p.edd_source === 'lmp' && p.edd !== addDays(str(p.lmp), 280)) ||
        checkDating(atRegistration, str(p.registration_date), TODAY, '').problems.length > 0 ||
        checkObstetricHistory(history, '').length > 0
      ) {
        wrong.push(p.id);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives every woman a unique, valid resident ID (even sequence, her birth date) or other document', () => {
    const women = rows('woman');
    const numbers = new Set(women.map((w) => `${str(w.document_type)}:${str(w.document_number)}`));
    expect(numbers.size).toBe(women.length);
    const wrong = women.filter((woman) => {
      if (woman.document_type !== 'resident_id') return false;
      const check = checkResidentId(str(woman.document_number), TODAY);
      return !check.valid || check.sequenceIsOdd || check.birthDate !== woman.birth_date;
    });
    expect(wrong).toEqual([]);
  });

  it('keeps one open pregnancy per woman, each starting after her previous one ended', () => {
    const byWoman = byPregnancy(pregnancies, 'woman_id');
    for (const list of byWoman.values()) {
      expect(list.filter((p) => p.status === 'open').length).toBeLessThanOrEqual(1);
      for (let i = 1; i < list.length; i++) {
        const previousEnd = list[i - 1].outcome_date ?? list[i - 1].status_date;
        expect(previousEnd).not.toBeNull();
        expect(addDays(str(list[i].edd), -280) > str(previousEnd)).toBe(true);
      }
    }
  });

  it('keeps visits inside the pregnancy, one a day, none in the future, and last_visit_date', () => {
    const visits = byPregnancy(rows('antenatal_visit'));
    const wrong: Cell[] = [];
    for (const p of pregnancies) {
      const list = visits.get(p.id) ?? [];
      const start = addDays(str(p.edd), -280);
      const end = p.status === 'open' ? YESTERDAY : str(p.outcome_date ?? p.status_date);
      const days = list.map((v) => str(v.visit_date));
      const last = days.length ? days.reduce((a, b) => (a > b ? a : b)) : null;
      const outside = days.some(
        (day) => day < start || day < str(p.registration_date) || day > end || day > YESTERDAY,
      );
      const openTooLong = p.status === 'open' && daysBetween(start, TODAY) > 294;
      if (
        outside ||
        openTooLong ||
        new Set(days).size !== days.length ||
        p.last_visit_date !== last
      ) {
        wrong.push(p.id);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('records a delivery exactly for delivered and closed pregnancies, on the outcome date', () => {
    const deliveries = byPregnancy(rows('delivery'));
    for (const p of pregnancies) {
      const delivery = deliveries.get(p.id)?.[0];
      if (p.status === 'delivered' || p.status === 'closed') {
        expect(delivery).toBeDefined();
        const local = new Date(toDate(delivery!.delivered_at).getTime() + 8 * 3_600_000);
        expect(local.toISOString().slice(0, 10)).toBe(p.outcome_date);
      } else if (p.status !== 'maternal_death') {
        expect(delivery).toBeUndefined();
      }
      if (p.status === 'ended')
        expect([p.end_outcome !== null, p.outcome_date]).toEqual([true, p.status_date]);
      if (p.status === 'open') expect([p.status_date, p.outcome_date]).toEqual([null, null]);
    }
  });

  it('closes the case of a delivered woman without a 42-day check on day 56, not before', () => {
    const byId = new Map(pregnancies.map((p) => [p.id, p]));
    const cases = rows('high_risk_case');
    const auto = cases.filter((c) => str(c.close_reason ?? '').startsWith('closed automatically'));
    expect(auto.length).toBeGreaterThan(0);
    for (const c of auto) {
      const p = byId.get(c.pregnancy_id)!;
      expect(p.status).toBe('delivered');
      expect(daysBetween(str(p.outcome_date), YESTERDAY)).toBeGreaterThanOrEqual(56);
      expect(c.close_reason).toBe(
        `closed automatically 56 days after the end of pregnancy (${str(p.outcome_date)}) without a 42-day check`,
      );
    }
    for (const c of cases.filter((row) => row.status === 'open')) {
      const p = byId.get(c.pregnancy_id)!;
      if (p.status === 'delivered') {
        expect(daysBetween(str(p.outcome_date), YESTERDAY)).toBeLessThan(56);
      } else {
        expect(p.status).toBe('open');
      }
    }
    const closedAt42 = cases.filter((c) => byId.get(c.pregnancy_id)!.status === 'closed');
    expect(closedAt42.every((c) => c.close_reason === '42-day postpartum check')).toBe(true);
  });

  it('records the pre-pregnancy weight of two pregnancies in three', () => {
    const given = share(pregnancies, (p: Row) => p.pre_pregnancy_weight_kg !== null);
    expect(Math.abs(given - 2 / 3)).toBeLessThan(0.01);
  });

  it('shows the latest grading on the pregnancy and manages and reports the high ones', () => {
    const assessments = byPregnancy(rows('risk_assessment'));
    const cases = byPregnancy(rows('high_risk_case'));
    const reports = new Set(rows('risk_report').map((r) => r.assessment_id));
    const wrong: Cell[] = [];
    for (const p of pregnancies) {
      const list = assessments.get(p.id) ?? [];
      const latest = list[list.length - 1];
      const shown = latest ? [latest.colour, latest.purple] : [null, 0];
      let previous: RiskColour | null = null;
      let reportsRight = true;
      for (const a of list) {
        const colour = a.colour as RiskColour;
        const reportable = colour === 'orange' || colour === 'red';
        const rose = reportable && (previous === null || colourRank(colour) > colourRank(previous));
        if (reports.has(a.id) !== rose) reportsRight = false;
        previous = colour;
      }
      const highWhileActive = list.some(
        (a) =>
          (colourRank(a.colour as RiskColour) >= 2 || a.purple === 1) &&
          (p.status === 'open' ||
            p.status === 'delivered' ||
            str(a.assessed_on) <= str(p.status_date)),
      );
      if (
        shown[0] !== p.risk_colour ||
        shown[1] !== p.risk_purple ||
        !reportsRight ||
        (cases.get(p.id) ?? []).length !== (highWhileActive ? 1 : 0)
      ) {
        wrong.push(p.id);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('orders the times of each birth and stay', () => {
    const deliveries = new Map(rows('delivery').map((d) => [d.id, d]));
    const events = byPregnancy(rows('feeding_event'), 'newborn_id');
    const wrong: Cell[] = [];
    for (const baby of rows('newborn')) {
      const delivery = deliveries.get(baby.delivery_id)!;
      const list = events.get(baby.id) ?? [];
      const discharge = list.find((e) => e.kind === 'discharge');
      const once = (kind: string) => list.filter((e) => e.kind === kind).length <= 1;
      const inOrder = list.every((e) => {
        const end = e.end_at === null ? null : str(e.end_at);
        return (
          str(e.start_at) >= str(baby.born_at) &&
          str(e.start_at) < HISTORY_END &&
          (end === null || (end >= str(e.start_at) && end < HISTORY_END)) &&
          (!discharge || (end ?? str(e.start_at)) <= str(discharge.start_at)) &&
          (baby.died_at === null || str(e.start_at) <= str(baby.died_at))
        );
      });
      const fed = baby.vital_status === 'stillbirth' ? list.length === 0 : list.length > 0;
      const discharged =
        delivery.mother_discharged_at === null ||
        str(delivery.mother_discharged_at) > str(delivery.delivered_at);
      if (
        str(baby.born_at) < str(delivery.delivered_at) ||
        !fed ||
        !inOrder ||
        !once('discharge') ||
        !once('first_breastfeed') ||
        !discharged
      ) {
        wrong.push(baby.id);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lands near the distributions Chinese hospitals report', () => {
    const deliveries = rows('delivery');
    const newborns = rows('newborn');
    const assessments = byPregnancy(rows('risk_assessment'));
    const graded = pregnancies.filter((p) => assessments.has(p.id));
    const highest = (p: Row) =>
      Math.max(...assessments.get(p.id)!.map((a) => colourRank(a.colour as RiskColour)));
    const early = share(
      pregnancies,
      (p: Row) => daysBetween(addDays(str(p.edd), -280), str(p.registration_date)) < 91,
    );
    expect(Math.abs(early - 0.8)).toBeLessThan(0.03);
    expect(Math.abs(share(deliveries, (d: Row) => d.mode === 'caesarean') - 0.35)).toBeLessThan(
      0.03,
    );
    const withoutIndication = share(
      deliveries,
      (d: Row) => d.mode === 'caesarean' && d.caesarean_indication === null,
    );
    expect(withoutIndication).toBeGreaterThan(0.03);
    expect(withoutIndication).toBeLessThan(0.08);
    expect(Math.abs(share(pregnancies, (p: Row) => p.fetus_count === 2) - 0.015)).toBeLessThan(
      0.005,
    );
    expect(
      Math.abs(share(newborns, (n: Row) => n.vital_status === 'stillbirth') - 0.004),
    ).toBeLessThan(0.0025);
    expect(Math.abs(share(graded, (p: Row) => highest(p) >= 1) - 0.55)).toBeLessThan(0.06);
    expect(Math.abs(share(graded, (p: Row) => highest(p) >= 2) - 0.1)).toBeLessThan(0.025);

    const confirmed = (disease: string) =>
      new Set(
        rows('pmtct_test')
          // A positive HBsAg test needs no confirmation.
          .filter(
            (t) =>
              t.disease === disease &&
              (t.kind === 'confirmatory' || disease === 'hbsag') &&
              t.result === 'positive',
          )
          .map((t) => t.pregnancy_id),
      ).size / pregnancies.length;
    expect(Math.abs(confirmed('hbsag') - 0.06)).toBeLessThan(0.01);
    expect(confirmed('syphilis')).toBeLessThan(0.005);
    expect(confirmed('hiv')).toBeLessThan(0.001);
  });

  it('feeds babies as baby-friendly hospitals record it, exclusive feeding falling to 6 months', () => {
    const born = new Map(rows('newborn').map((n) => [n.id, toDate(n.born_at)]));
    const events = byPregnancy(rows('feeding_event'), 'newborn_id');
    let skin = 0;
    let initiation = 0;
    let babies = 0;
    for (const [id, list] of events) {
      const bornAt = born.get(id)!;
      babies++;
      const contacts = list.filter((e) => e.kind === 'skin_to_skin' && e.end_at !== null);
      const contactIntervals = contacts.map((e) => ({
        start: toDate(e.start_at),
        end: toDate(e.end_at),
      }));
      if (earlySkinToSkin(bornAt, contactIntervals, new Date(HISTORY_END)).met) skin++;
      const feed = list.find((e) => e.kind === 'first_breastfeed');
      if (earlyInitiation(bornAt, feed ? toDate(feed.start_at) : null).met) initiation++;
    }
    expect(skin / babies).toBeGreaterThan(0.45);
    expect(skin / babies).toBeLessThan(0.75);
    expect(initiation / babies).toBeGreaterThan(0.55);
    expect(initiation / babies).toBeLessThan(0.8);

    const followUps = rows('breastfeeding_follow_up');
    const exclusive = (contact: string) =>
      share(
        followUps.filter((f) => f.contact === contact),
        (f: Row) => f.classification === 'exclusive',
      );
    const curve = ['postpartum_visit', 'day42_check', 'phone_4m', 'phone_6m'].map(exclusive);
    expect(curve[0]).toBeGreaterThan(curve[1]);
    expect(curve[1]).toBeGreaterThan(curve[2]);
    expect(curve[2]).toBeGreaterThan(curve[3]);
    expect(Math.abs(curve[3] - 0.29)).toBeLessThan(0.05);
    for (const f of followUps) {
      const recall = {
        breastMilk: f.breast_milk === 1,
        water: f.water === 1,
        formulaOrOtherMilk: f.formula_or_other_milk === 1,
        otherLiquids: f.other_liquids === 1,
        solids: f.solids === 1,
        orsDropsMedicine: f.ors_drops_medicine === 1,
      };
      expect(f.classification).toBe(classifyRecall(recall));
    }
  });

  it('gives folic acid, classes and postpartum care at the rates reported', () => {
    const dispensings = byPregnancy(rows('folic_acid_dispensing'), 'woman_id');
    const registered = pregnancies.filter((p) => p.lmp !== null && str(p.lmp) < '2026-08-01');
    const took = share(
      registered,
      (p: Row) =>
        uptake(
          str(p.lmp),
          (dispensings.get(p.woman_id) ?? []).map((d) => ({
            dispensedOn: str(d.dispensed_on),
            doseMg: Number(d.dose_mg) as 0.4 | 0.8,
            bottles: d.bottles as number,
            tabletsPerBottle: d.tablets_per_bottle as number,
          })),
          [],
        ).took,
    );
    expect(took).toBeGreaterThan(0.8);
    expect(took).toBeLessThan(0.92);

    const delivered = pregnancies.filter((p) => p.status === 'closed');
    const attended = new Set(rows('class_attendance').map((a) => a.woman_id));
    expect(Math.abs(share(delivered, (p: Row) => attended.has(p.woman_id)) - 0.65)).toBeLessThan(
      0.05,
    );
    const contacts = byPregnancy(rows('postpartum_contact'));
    expect(
      share(delivered, (p: Row) =>
        (contacts.get(p.id) ?? []).some((c) => c.kind === 'postpartum_visit'),
      ),
    ).toBeGreaterThan(0.88);
    for (const p of delivered) {
      const check = (contacts.get(p.id) ?? []).find((c) => c.kind === 'day42_check');
      expect([check?.disposition, check?.contact_date]).toEqual(['close', p.status_date]);
    }
  });
});

describe('the district of the same cohort', () => {
  const facilities = new Map(rows('facility').map((f) => [f.id, f]));
  const areas = rows('facility_service_area').map((a) => ({
    regionCode: str(a.region_code),
    facilityId: a.facility_id as number,
  }));
  const serving = (code: Cell) => servingFacility(str(code), areas);
  const women = new Map(rows('woman').map((w) => [w.id, w]));
  const pregnancyById = new Map(pregnancies.map((p) => [p.id, p]));
  const womanOf = (pregnancyId: Cell) => women.get(pregnancyById.get(pregnancyId)!.woman_id)!;
  const deliveries = rows('delivery');
  const participants = rows('episode_participant');
  const participantsByKey = new Map(
    participants.map((e) => [`${e.pregnancy_id}:${e.facility_id}:${e.role}`, e]),
  );
  const part = (p: Cell, facility: Cell, role: string) =>
    participantsByKey.get(`${p}:${facility}:${role}`);
  const activeParticipants = new Set(
    participants
      .filter((e) => e.status === 'active')
      .map((e) => `${e.pregnancy_id}:${e.facility_id}`),
  );

  it('has community centres, each serving 街道 of its district, and hospitals', () => {
    expect(new Set(areas.map((a) => a.regionCode)).size).toBe(areas.length);
    for (const f of facilities.values()) {
      const own = areas.filter((a) => a.facilityId === f.id).map((a) => a.regionCode);
      expect(f.kind).toBe(f.level === 1 ? 'community_centre' : 'hospital');
      if (f.level === 1) {
        expect(own.length).toBeGreaterThan(0);
        expect(
          own.every((code) => /^\d{9}$/.test(code) && code.startsWith(str(f.region_code))),
        ).toBe(true);
      } else {
        expect(own).toEqual([]);
      }
    }
    // Every woman lives in a 街道 or 社区 a centre serves.
    const unserved = [...women.values()].filter(
      (w) =>
        !/^\d{9}(\d{3})?$/.test(str(w.residence_region_code)) ||
        serving(w.residence_region_code) === null,
    );
    expect(unserved.map((w) => w.id)).toEqual([]);
  });

  it('registers most women at the centre where they live and delivers about 60 % elsewhere', () => {
    expect(pregnancies.every((p) => p.facility_id === p.registering_facility_id)).toBe(true);
    const atHomeCentre = share(
      pregnancies,
      (p: Row) => serving(womanOf(p.id).residence_region_code) === p.registering_facility_id,
    );
    expect(Math.abs(atHomeCentre - 0.55)).toBeLessThan(0.02);
    const registeredBy = (d: Row) => pregnancyById.get(d.pregnancy_id)!.registering_facility_id;
    const elsewhere = share(deliveries, (d: Row) => d.facility_id !== registeredBy(d));
    expect(Math.abs(elsewhere - 0.6)).toBeLessThan(0.03);
    expect(deliveries.every((d) => facilities.get(d.facility_id)!.kind === 'hospital')).toBe(true);
    // A hospital may still register her and deliver her itself.
    expect(share(deliveries, (d: Row) => d.facility_id === registeredBy(d))).toBeGreaterThan(0.3);
  });

  it('joins the delivering hospital to her episode, and every record is made by a participant', () => {
    const wrong: Cell[] = [];
    for (const d of deliveries) {
      const delivering = part(d.pregnancy_id, d.facility_id, 'delivering');
      const registering = pregnancyById.get(d.pregnancy_id)!.registering_facility_id;
      const via = d.facility_id === registering ? ['registration'] : ['self_presented', 'referral'];
      if (delivering?.status !== 'active' || !via.includes(str(delivering.started_via))) {
        wrong.push(d.id);
      }
    }
    expect(wrong).toEqual([]);
    // Access follows active participation: each record's facility takes part in her episode.
    const tables: TableName[] = [
      'antenatal_visit',
      'dating_scan',
      'contact_attempt',
      'risk_assessment',
      'risk_report',
      'high_risk_case',
      'referral',
      'pmtct_counselling',
      'pmtct_test',
      'maternal_treatment',
      'exposed_infant',
      'delivery',
      'newborn',
      'maternal_death',
      'postpartum_contact',
      'breastfeeding_follow_up',
    ];
    const outside = Object.fromEntries(
      tables.map((table) => [
        table,
        rows(table).filter((r) => !activeParticipants.has(`${r.pregnancy_id}:${r.facility_id}`))
          .length,
      ]),
    );
    expect(outside).toEqual(Object.fromEntries(tables.map((table) => [table, 0])));
    // The babies and their stay are the delivering hospital's.
    const deliveryById = new Map(deliveries.map((d) => [d.id, d]));
    const newborns = new Map(rows('newborn').map((n) => [n.id, n]));
    expect(
      [...newborns.values()].filter(
        (n) => n.facility_id !== deliveryById.get(n.delivery_id)!.facility_id,
      ),
    ).toEqual([]);
    expect(
      rows('feeding_event').filter(
        (e) => e.facility_id !== newborns.get(e.newborn_id)!.facility_id,
      ),
    ).toEqual([]);
    // The 42-day check is her own facility's; the postpartum visit her own or her notice's centre's.
    for (const c of rows('postpartum_contact')) {
      const p = pregnancyById.get(c.pregnancy_id)!;
      const visitor = part(c.pregnancy_id, c.facility_id, 'postpartum_visiting');
      if (c.kind === 'day42_check') expect(c.facility_id).toBe(p.facility_id);
      else if (c.facility_id !== p.facility_id) expect(visitor?.status).toBe('active');
    }
  });

  it('gives migrants a 户籍 elsewhere and counts every delivery by the province rule', () => {
    const listed = [...women.values()];
    for (const w of listed) {
      if (w.household_type === 'local') {
        expect([w.hukou_region_code, w.residence_since]).toEqual([
          str(w.residence_region_code).slice(0, 6),
          null,
        ]);
      } else {
        expect(w.residence_since).not.toBeNull();
        if (w.document_type === 'resident_id') {
          expect(str(w.hukou_region_code).slice(0, 4)).not.toBe('3301');
          expect(str(w.document_number).slice(0, 6)).toBe(w.hukou_region_code);
        } else {
          expect(w.hukou_region_code).toBeNull();
        }
      }
    }
    expect(Math.abs(share(listed, (w: Row) => w.household_type === 'migrant') - 0.3)).toBeLessThan(
      0.02,
    );
    const wrong = deliveries.filter((d) => {
      const w = womanOf(d.pregnancy_id);
      const expected = attribute(
        {
          documentType: str(w.document_type),
          hukouRegionCode: w.hukou_region_code as string | null,
          residenceRegionCode: str(w.residence_region_code),
          residenceSince: w.residence_since as string | null,
          deliveredOn: pregnancyById.get(d.pregnancy_id)!.outcome_date as string,
        },
        EXAMPLE_ATTRIBUTION,
      );
      return (
        d.residence_category !== expected.category ||
        d.attributed_region_code !== expected.regionCode ||
        d.attribution_rule !== expected.rule
      );
    });
    expect(wrong.map((d) => d.id)).toEqual([]);
    expect(
      Math.abs(share(deliveries, (d: Row) => d.residence_category === 'local') - 0.7),
    ).toBeLessThan(0.03);
    // Zhejiang's 常住 rule: migrants of 6 months are counted where they live, newer ones by 户籍.
    const migrants = deliveries.filter((d) =>
      ['same_province', 'other_province'].includes(str(d.residence_category)),
    );
    const counted = (d: Row) =>
      d.attributed_region_code === womanOf(d.pregnancy_id).residence_region_code;
    expect(share(migrants, counted)).toBeGreaterThan(0.9);
    expect(migrants.filter((d) => !counted(d)).length).toBeGreaterThan(0);
  });

  it('notifies the centre of her 产休地 of every delivery she survived, which most acknowledge within a day', () => {
    const notices = rows('delivery_notice');
    const noticeOf = new Map(notices.map((n) => [n.delivery_id, n]));
    expect(
      deliveries.filter((d) => noticeOf.has(d.id) === (d.maternal_outcome === 'death')),
    ).toEqual([]);
    const newborns = byPregnancy(rows('newborn'), 'delivery_id');
    const exposed = new Set(rows('exposed_infant').map((e) => e.newborn_id));
    const wrong: Cell[] = [];
    for (const d of deliveries.filter((row) => noticeOf.has(row.id))) {
      const n = noticeOf.get(d.id)!;
      const p = pregnancyById.get(d.pregnancy_id)!;
      const region = p.postpartum_region_code ?? womanOf(p.id).residence_region_code;
      const target = serving(region);
      const reasons = highRiskNewbornReasons(
        daysBetween(addDays(str(p.edd), -280), str(p.outcome_date)),
        newborns.get(d.id)!.map((baby) => ({
          vitalStatus: str(baby.vital_status),
          birthWeightG: baby.birth_weight_g as number,
          apgar1: baby.apgar1 as number | null,
          apgar5: baby.apgar5 as number | null,
          exposed: exposed.has(baby.id),
        })),
      );
      const due = visitDueOn({
        highRisk: reasons.length > 0,
        acknowledgedOn: localDay(n.acknowledged_at),
        dischargedOn: localDay(d.mother_discharged_at),
      });
      const visitor = target === null ? undefined : part(p.id, target, 'postpartum_visiting');
      const expectedVisitor =
        n.status === 'acknowledged' ? 'active' : n.status === 'sent' ? 'proposed' : undefined;
      if (
        n.region_code !== region ||
        n.target_facility_id !== target ||
        n.from_facility_id !== d.facility_id ||
        (n.status === 'unrouted') !== (target === null) ||
        n.high_risk_reasons !== JSON.stringify(reasons) ||
        n.high_risk_newborn !== (reasons.length > 0 ? 1 : 0) ||
        n.visit_due_on !== due ||
        visitor?.status !== expectedVisitor ||
        (visitor !== undefined && visitor.started_via !== 'delivery_notice')
      ) {
        wrong.push(n.id);
      }
    }
    expect(wrong).toEqual([]);
    const status = (s: string) => share(notices, (n: Row) => n.status === s);
    expect(status('acknowledged')).toBeGreaterThan(0.9);
    expect(status('sent')).toBeGreaterThan(0.01);
    expect(status('unrouted')).toBeGreaterThan(0.01);
    const acknowledged = notices.filter((n) => n.status === 'acknowledged');
    const withinDay = (n: Row) =>
      toDate(n.acknowledged_at).getTime() - toDate(n.sent_at).getTime() < 86_400_000;
    expect(share(acknowledged, withinDay)).toBeGreaterThan(0.85);
  });

  it('refers high-risk women to a level-3 hospital of the cohort, which examines them once received', () => {
    const received = rows('referral').filter((r) => r.to_facility_id !== null);
    expect(received.length).toBeGreaterThan(0);
    for (const r of received) {
      const to = facilities.get(r.to_facility_id)!;
      const examining = part(r.pregnancy_id, r.to_facility_id, 'examining');
      expect([to.level, to.kind, r.to_facility_name]).toEqual([3, 'hospital', to.name]);
      expect([examining?.status, examining?.started_via]).toEqual([
        r.received_at === null ? 'proposed' : 'active',
        'referral',
      ]);
    }
  });
});
