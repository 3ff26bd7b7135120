import { classifyRecall } from '../breastfeeding/rules/feeding-recall';
import { addDays, daysBetween } from '../core/time/calendar-date';
import { earlyInitiation, earlySkinToSkin } from '../delivery/rules/feeding-flags';
import { uptake } from '../folic-acid/rules/folic-acid';
import { colourRank, type RiskColour } from '../risk/rules/risk-colour';
import { dateByBestEvidence } from '../women/rules/gestational-age';
import { checkDating, checkObstetricHistory } from '../women/rules/registration-checks';
import { checkResidentId } from '../women/rules/resident-id';
import { generateInMemory } from './in-memory-cohort';
import type { Cell } from './tables';

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
