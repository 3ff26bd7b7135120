import { In } from 'typeorm';
import { PostpartumWorklistQueryDto } from '../breastfeeding/dto/breastfeeding.dto';
import { BirthDoseWorklistQueryDto } from '../delivery/dto/delivery.dto';
import {
  day42CheckState,
  PHONE_FOLLOW_UP_MONTHS,
  phoneFollowUpState,
  postpartumVisitState,
  PROBLEM_FOLLOW_UP_WITHIN_DAYS,
  problemFollowUpOverdue,
} from '../breastfeeding/rules/postpartum-schedule';
import { MAX_PAGE_SIZE } from '../core/http/pagination';
import { addDays, daysBetween, type IsoDate, todayIn } from '../core/time/calendar-date';
import type {
  DeliveryDto,
  FeedingEventDto,
  FeedingFlagsDto,
  NewbornDto,
} from '../delivery/dto/delivery.dto';
import {
  breastfeedingAtDischarge,
  earlyInitiation,
  earlySkinToSkin,
  exclusiveDuringStay,
  firstFeedOverdue,
  roomingIn,
} from '../delivery/rules/feeding-flags';
import { type PmtctStatusDto, PmtctWorklistQueryDto } from '../pmtct/dto/pmtct.dto';
import { ExposedInfant, type TreatmentKind } from '../pmtct/pmtct.entities';
import { followUpScheduleFor } from '../pmtct/rules/follow-up-schedule';
import {
  IN_LABOUR_DAYS,
  type Disease,
  DISEASES,
  followUpState,
  hbigTimeliness,
  hepBVaccineTimeliness,
  hivProphylaxisTimeliness,
  type Timeliness,
} from '../pmtct/rules/pmtct-rules';
import { Pregnancy } from '../women/pregnancy.entity';
import { gestationalAgeDays } from '../women/rules/gestational-age';
import type { FacilityKey } from './demo-care';
import { type PlannedBaby, recordedFeeding } from './demo-delivery';
import type { MaternityServices, Mother } from './demo-maternity';
import {
  confirmedDiseases,
  expectedDiseaseLines,
  hbvAntiviralDue,
  indicatedFor,
  statusOf,
} from './demo-pmtct';
import {
  FACILITY_CODES,
  FACILITY_KEYS,
  forEachConcurrently,
  printTable,
  share,
  type Staff,
  validated,
} from './demo-support';

// The maternity part read back through the services the API uses: every pregnancy's PMTCT
// status, every delivery with its newborns' Baby-Friendly flags, the PMTCT and postpartum
// worklists, each compared with what the pure rules say of the plan; then the printout.

const DAY_MS = 86_400_000;

export class MaternityCheck {
  private readonly summary = new Map<FacilityKey, string[][]>();
  private readonly worklistCounts = new Map<FacilityKey, Record<string, number>>();
  readonly examples: { pregnancy: number | null; newborn: number | null } = {
    pregnancy: null,
    newborn: null,
  };

  constructor(
    private readonly services: MaternityServices,
    private readonly staff: Staff,
    private readonly today: IsoDate,
    private readonly timeZone: string,
    /** The seed's start: what was written is what happened before it. */
    private readonly now: Date,
    private readonly mothers: readonly Mother[],
  ) {}

  async check(): Promise<void> {
    await this.checkStatuses();
    for (const facility of FACILITY_KEYS) {
      const pmtctRows = await this.checkPmtct(facility);
      const births = await this.checkDeliveries(facility);
      await this.checkPmtctWorklists(facility);
      await this.checkPostpartumWorklists(facility);
      this.summary.set(facility, [...pmtctRows, ...births]);
    }
  }

  /** Every pregnancy ends up where the plan left it (a 42-day check closes it). */
  private async checkStatuses(): Promise<void> {
    const ids = this.mothers.map((m) => m.subject.pregnancyId());
    const rows = await this.services.dataSource
      .getRepository(Pregnancy)
      .find({ select: { id: true, status: true }, where: { id: In(ids) } });
    const status = new Map(rows.map((r) => [r.id, r.status]));
    const wrong = this.mothers.filter((m) => status.get(m.subject.pregnancyId()) !== m.finalStatus);
    if (wrong.length > 0) {
      throw new Error(
        `Demo plan: ${wrong.map((m) => `pregnancy ${m.subject.pregnancyId()} is ${status.get(m.subject.pregnancyId())}, expected ${m.finalStatus}`).join('; ')}`,
      );
    }
  }

  /** GET /pregnancies/{id}/pmtct for every pregnancy: statuses, testing, treatment, the baby. */
  private async checkPmtct(facility: FacilityKey): Promise<string[][]> {
    const nurse = this.staff[facility].nurse;
    const own = this.mothers.filter((m) => m.subject.facility === facility);
    const statuses = new Map<Mother, PmtctStatusDto>();
    await forEachConcurrently(own, 8, async (m) => {
      const status = await this.services.pmtct.status(m.subject.pregnancyId(), nurse);
      statuses.set(m, status);
      const actual = [
        ...status.diseases.map(
          (d) =>
            `${d.disease} ${d.status} tested ${d.tested} early ${d.testedEarly} adequate ${d.treatmentAdequate}`,
        ),
        `isolation ${status.isolationDeliveryRoom}`,
        ...status.infants.flatMap((i) => [
          ...Object.entries(i.timeliness).map(([what, t]) => `${what} ${t.state}`),
          ...i.followUps.map((f) => `${f.code} ${f.state}`),
        ]),
      ];
      const expected = [
        ...expectedDiseaseLines(m.pmtct, m.subject.edd, m.outcomeDate),
        `isolation ${confirmedDiseases(m.pmtct).length > 0}`,
        ...this.expectedInfantLines(m, new Date()),
      ];
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        throw new Error(
          `Demo plan: PMTCT status of pregnancy ${m.subject.pregnancyId()} (${m.pmtct.story ?? 'ordinary'}) is\n  ${actual.join('\n  ')}\nexpected\n  ${expected.join('\n  ')}`,
        );
      }
      if (m.pmtct.infant?.plannedOn && m.birth) {
        const infant = await this.services.dataSource
          .getRepository(ExposedInfant)
          .findOneByOrFail({ id: m.infant!.id });
        if (infant.newbornId !== m.newborns[0].id) {
          throw new Error(
            `Demo plan: the planned exposed baby ${infant.id} is not linked to its newborn`,
          );
        }
      }
    });
    if (facility === 'f1') {
      this.examples.pregnancy =
        own.find((m) => m.pmtct.story === 'hbsagDue')?.subject.pregnancyId() ?? null;
    }

    // The PMTCT cohort: women who delivered here.
    const delivered = own.filter((m) => m.birth);
    const all = (m: Mother, test: (d: PmtctStatusDto['diseases'][number]) => boolean) =>
      statuses.get(m)!.diseases.every(test);
    const positives = (disease: Disease) =>
      own.filter((m) =>
        statuses
          .get(m)!
          .diseases.some((d) => d.disease === disease && d.status === 'confirmed_positive'),
      );
    const treated = (disease: Disease) =>
      positives(disease).filter((m) =>
        statuses.get(m)!.treatments.some((t) => t.disease === disease),
      );
    const infants = own.flatMap((m) => statuses.get(m)!.infants.filter((i) => i.bornAt !== null));
    // "2/3 on time, 1 due": the share on time of those given or missed, and those still due.
    const timely = (key: string) => {
      const states = infants.flatMap((i) => (i.timeliness[key] ? [i.timeliness[key].state] : []));
      const decided = states.filter((state) => state !== 'due');
      const due = states.length - decided.length;
      const onTime = decided.filter((state) => state === 'on_time').length;
      return `${onTime}/${decided.length} on time${due > 0 ? `, ${due} due` : ''}`;
    };
    const syphilisBabies = infants.filter((i) =>
      positives('syphilis').some((m) => m.subject.pregnancyId() === i.pregnancyId),
    );
    return [
      [
        FACILITY_CODES[facility],
        share(
          delivered.filter((m) => all(m, (d) => !['untested', 'pending'].includes(d.status)))
            .length,
          delivered.length,
        ),
        share(delivered.filter((m) => all(m, (d) => d.tested)).length, delivered.length),
        share(delivered.filter((m) => all(m, (d) => d.testedEarly)).length, delivered.length),
        DISEASES.map((d) => `${d} ${positives(d).length}`).join(', '),
        DISEASES.map((d) => `${d} ${treated(d).length}`).join(', '),
        `${infants.length}: HBIG ${timely('hbig')}, vaccine ${timely('hepBVaccine1')}, ARV ${timely('hivProphylaxis')}, syphilis ${syphilisBabies.filter((i) => i.syphilisProphylaxisAt).length}/${syphilisBabies.length} given`,
      ],
    ];
  }

  private expectedInfantLines(m: Mother, now: Date): string[] {
    const { timeliness, followUps } = this.expectedInfant(m, now);
    return [...timeliness, ...followUps];
  }

  /** The exposed baby's doses ("hbig due") and follow-ups ("SYPHILIS_6M overdue"). */
  private expectedInfant(m: Mother, now: Date): { timeliness: string[]; followUps: string[] } {
    const plan = m.pmtct.infant;
    const baby = m.birth?.babies[0];
    if (!plan || !baby?.live) return { timeliness: [], followUps: [] };
    const bornAt = baby.bornAt;
    const positive = indicatedFor(m.pmtct);
    const given = (minutes: number | null) => {
      if (minutes === null) return null;
      const at = new Date(bornAt.getTime() + minutes * 60_000);
      return at.getTime() <= this.now.getTime() ? at : null;
    };
    const hbsag = positive.includes('hbsag');
    const timeliness: [string, Timeliness][] = [
      ...(positive.includes('hiv')
        ? [
            [
              'hivProphylaxis',
              hivProphylaxisTimeliness(bornAt, given(plan.hivProphylaxis?.minutes ?? null), now),
            ] as [string, Timeliness],
          ]
        : []),
      ...(positive.includes('syphilis')
        ? [
            ['syphilisProphylaxis', given(plan.syphilisProphylaxisMinutes) ? 'on_time' : 'due'] as [
              string,
              Timeliness,
            ],
          ]
        : []),
      ...(hbsag
        ? [['hbig', hbigTimeliness(bornAt, given(plan.hbigMinutes), now)] as [string, Timeliness]]
        : []),
      ['hepBVaccine1', hepBVaccineTimeliness(bornAt, given(plan.vaccineMinutes), hbsag, now)],
    ];
    const birthDate = todayIn(this.timeZone, bornAt);
    return {
      timeliness: timeliness.map(([what, state]) => `${what} ${state}`),
      followUps: followUpScheduleFor(positive).map((visit) => {
        const done = m.infantFollowUps.find((f) => f.code === visit.code)?.doneOn ?? null;
        return `${visit.code} ${followUpState(birthDate, visit, done, this.today)}`;
      }),
    };
  }

  /** GET /pregnancies/{id}/delivery: the delivery, each newborn's outcomes and feeding flags. */
  private async checkDeliveries(facility: FacilityKey): Promise<string[][]> {
    const nurse = this.staff[facility].nurse;
    const own = this.mothers.filter((m) => m.subject.facility === facility && m.birth);
    const views = new Map<Mother, DeliveryDto>();
    await forEachConcurrently(own, 8, async (m) => {
      const view = await this.services.delivery.findByPregnancy(m.subject.pregnancyId(), nurse);
      views.set(m, view);
      const now = new Date();
      const birth = m.birth!;
      const actual = [
        `${view.mode} without indication ${view.caesareanWithoutIndication} discharged ${view.motherDischargedAt !== null}`,
        ...view.newborns.map((n) => newbornLine(n)),
      ];
      const discharged = birth.motherDischargedAt !== null && birth.motherDischargedAt <= this.now;
      const expected = [
        `${birth.input.mode} without indication ${birth.input.mode === 'caesarean' && !birth.input.caesareanIndication} discharged ${discharged}`,
        ...birth.babies.map((b) => this.expectedNewbornLine(b, now)),
      ];
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        throw new Error(
          `Demo plan: delivery of pregnancy ${m.subject.pregnancyId()} is\n  ${actual.join('\n  ')}\nexpected\n  ${expected.join('\n  ')}`,
        );
      }
    });
    if (facility === 'f1') {
      const nicu = own.find((m) => m.birthStory === 'nicu');
      this.examples.newborn = nicu ? views.get(nicu)!.newborns[0].id : null;
    }

    const deliveries = [...views.values()];
    const babies = deliveries.flatMap((d) => d.newborns);
    const live = babies.filter((b) => b.vitalStatus === 'live_birth');
    const count = (test: (d: DeliveryDto) => boolean) => deliveries.filter(test).length;
    const caesareans = count((d) => d.mode === 'caesarean');
    // BF-01..05: live births discharged alive, without a medical contraindication.
    const died = live.filter((b) => b.diedAt !== null);
    const contraindicated = live.filter(
      (b) => !b.diedAt && b.feedingFlags!.contraindications.length > 0,
    );
    const inHospital = live.filter(
      (b) =>
        !b.diedAt &&
        b.feedingFlags!.contraindications.length === 0 &&
        !b.feedingEvents!.some((e) => e.kind === 'discharge'),
    );
    const cohort = live.filter(
      (b) =>
        !b.diedAt &&
        b.feedingFlags!.contraindications.length === 0 &&
        b.feedingEvents!.some((e) => e.kind === 'discharge'),
    );
    const rate = (flag: (f: FeedingFlagsDto) => boolean) =>
      share(cohort.filter((b) => flag(b.feedingFlags!)).length, cohort.length);
    const roomingInExceptMedical = (b: NewbornDto) => {
      const events = b.feedingEvents!;
      const discharge = events.find((e) => e.kind === 'discharge')?.startAt ?? null;
      return roomingIn(
        events
          .filter((e) => e.kind === 'separation' && !e.medicalReason)
          .map((e) => ({ start: e.startAt, end: e.endAt ?? null, medical: false })),
        discharge,
        new Date(),
      ).met;
    };
    return [
      [
        FACILITY_CODES[facility],
        `${deliveries.length} (${babies.length} babies)`,
        String(count((d) => d.mode === 'spontaneous_vaginal')),
        String(count((d) => d.mode === 'assisted_vaginal')),
        `${share(caesareans, deliveries.length)}, ${count((d) => d.caesareanWithoutIndication)} without indication`,
        String(count((d) => d.isolationRoom)),
        String(babies.length - live.length),
        String(live.filter((b) => b.nicuAdmittedAt).length),
        `${live.filter((b) => b.earlyNeonatalDeath).length}/${live.filter((b) => b.neonatalDeath).length}`,
        share(live.filter((b) => b.lowBirthWeight).length, live.length),
      ],
      [
        FACILITY_CODES[facility],
        `${cohort.length} (excluded: ${babies.length - live.length} stillborn, ${died.length} died, ${contraindicated.length} contraindicated, ${inHospital.length} in hospital)`,
        rate((f) => f.earlySkinToSkin.met),
        rate((f) => f.earlyInitiation.met),
        `${rate((f) => f.roomingIn.met)}; non-medical only ${share(cohort.filter(roomingInExceptMedical).length, cohort.length)}`,
        `${rate((f) => f.exclusiveStrict.met)}; except medical ${rate((f) => f.exclusiveExceptMedical.met)}`,
        rate((f) => f.breastfeedingAtDischarge.met),
      ],
    ];
  }

  private expectedNewbornLine(baby: PlannedBaby, now: Date): string {
    const recorded = (instant: Date | undefined) =>
      instant && instant.getTime() <= this.now.getTime() ? instant : null;
    const died = baby.death ? recorded(baby.death.at) : null;
    const base = `${baby.birthOrder} ${baby.live ? 'live_birth' : 'stillbirth'} nicu ${baby.nicu !== null && recorded(baby.nicu.at) !== null} died ${died !== null}`;
    if (!baby.live) return `${base} flags none`;
    const events = recordedFeeding(baby, this.now);
    const of = (kind: FeedingEventDto['kind']) => events.filter((e) => e.kind === kind);
    const discharge = of('discharge')[0] ?? null;
    const exclusive = exclusiveDuringStay(
      of('supplement').map((e) => ({
        at: e.startAt,
        what: e.detail ?? '',
        medicalReason: e.medicalReason ?? null,
      })),
      baby.bornAt,
      discharge?.startAt ?? null,
      discharge?.dischargeFeeding ?? null,
    );
    return flagsLine(base, {
      earlySkinToSkin: earlySkinToSkin(
        baby.bornAt,
        of('skin_to_skin').map((e) => ({ start: e.startAt, end: e.endAt ?? null })),
        now,
      ),
      earlyInitiation: earlyInitiation(baby.bornAt, of('first_breastfeed')[0]?.startAt ?? null),
      roomingIn: roomingIn(
        of('separation').map((e) => ({
          start: e.startAt,
          end: e.endAt ?? null,
          medical: e.medicalReason !== undefined,
        })),
        discharge?.startAt ?? null,
        now,
      ),
      exclusiveStrict: exclusive.strict,
      exclusiveExceptMedical: exclusive.exceptMedical,
      breastfeedingAtDischarge: breastfeedingAtDischarge(discharge?.dischargeFeeding ?? null),
      contraindications: baby.contraindication ? [baby.contraindication.kind] : [],
    });
  }

  /** The six PMTCT worklists hold exactly whom the plan says. */
  private async checkPmtctWorklists(facility: FacilityKey): Promise<void> {
    const { today } = this;
    const nurse = this.staff[facility].nurse;
    const own = this.mothers.filter((m) => m.subject.facility === facility);
    const now = new Date();
    const resulted = (m: Mother, disease: Disease, until: IsoDate | null) =>
      m.pmtct.tests.some(
        (t) =>
          t.subject === 'woman' &&
          t.disease === disease &&
          t.result !== null &&
          (until === null || t.sampleDate <= until),
      );
    const openOrDelivered = (m: Mother) => ['open', 'delivered'].includes(m.finalStatus);
    const lines = (list: (m: Mother) => string[]) => own.flatMap(list).sort();
    const expected: Record<PmtctWorklistQueryDto['list'], string[]> = {
      untested_by_13_weeks: lines((m) =>
        m.finalStatus === 'open' && gestationalAgeDays(m.subject.edd, today) > 90
          ? DISEASES.filter((d) => !resulted(m, d, null)).map(
              (d) => `${m.subject.pregnancyId()} ${d}`,
            )
          : [],
      ),
      untested_at_delivery: lines((m) =>
        ['delivered', 'closed'].includes(m.finalStatus) && m.outcomeDate
          ? DISEASES.filter((d) => !resulted(m, d, m.outcomeDate)).map(
              (d) => `${m.subject.pregnancyId()} ${d}`,
            )
          : [],
      ),
      no_result_in_labour: lines((m) => {
        const inLabour =
          m.finalStatus === 'open' &&
          m.pmtct.tests.some(
            (t) =>
              t.subject === 'woman' &&
              t.setting === 'labour' &&
              t.sampleDate >= addDays(today, -IN_LABOUR_DAYS),
          );
        return m.finalStatus === 'delivered' || inLabour
          ? DISEASES.filter((d) => !resulted(m, d, null)).map(
              (d) => `${m.subject.pregnancyId()} ${d}`,
            )
          : [];
      }),
      awaiting_confirmation: lines((m) =>
        openOrDelivered(m)
          ? DISEASES.filter((d) => statusOf(m.pmtct, d) === 'awaiting_confirmation').map(
              (d) => `${m.subject.pregnancyId()} ${d}`,
            )
          : [],
      ),
      untreated: lines((m) =>
        openOrDelivered(m)
          ? confirmedDiseases(m.pmtct)
              // An HBsAg carrier is listed only when her markers call for an antiviral.
              .filter((d) => d !== 'hbsag' || hbvAntiviralDue(m.pmtct))
              .filter((d) => !m.pmtct.treatments.some((t) => TREATS[t.kind] === d))
              .map((d) => `${m.subject.pregnancyId()} ${d}`)
          : [],
      ),
      infant_doses: lines((m) => {
        if (
          !m.infant ||
          !m.birth ||
          now.getTime() - m.birth.babies[0].bornAt.getTime() > 2 * DAY_MS
        )
          return [];
        return this.expectedInfant(m, now)
          .timeliness.filter((line) => !line.endsWith(' on_time'))
          .map((line) => `${m.infant!.id} ${line}`);
      }),
      infant_follow_ups: lines((m) =>
        m.infant && m.birth
          ? this.expectedInfant(m, now)
              .followUps.filter((line) => line.endsWith(' overdue'))
              .map((line) => `${m.infant!.id} ${line}`)
          : [],
      ),
    };
    const counts: Record<string, number> = {};
    for (const list of Object.keys(expected) as PmtctWorklistQueryDto['list'][]) {
      const page = await this.services.pmtctWorklists.list(
        nurse,
        await validated(PmtctWorklistQueryDto, { list, page: 1, pageSize: MAX_PAGE_SIZE }),
      );
      const actual = page.items
        .map((i) =>
          list === 'infant_doses' || list === 'infant_follow_ups'
            ? `${i.infantId} ${i.what}`
            : `${i.pregnancyId} ${i.disease}`,
        )
        .sort();
      mismatch(facility, `PMTCT worklist ${list}`, actual, expected[list]);
      if (actual.length === 0)
        throw new Error(`Demo plan: ${FACILITY_CODES[facility]} PMTCT worklist ${list} is empty`);
      counts[list] = page.total;
    }
    this.worklistCounts.set(facility, counts);
  }

  /** The five postpartum worklists hold exactly whom the plan says. */
  private async checkPostpartumWorklists(facility: FacilityKey): Promise<void> {
    const { today } = this;
    const nurse = this.staff[facility].nurse;
    const own = this.mothers.filter((m) => m.subject.facility === facility && m.birth);
    const now = new Date();
    const recordedAt = (instant: Date | null | undefined) =>
      instant && instant.getTime() <= this.now.getTime() ? instant : null;
    const babies = own.flatMap((m) =>
      m.birth!.babies.map((baby, index) => ({ m, baby, id: m.newborns[index].id })),
    );
    const alive = (b: (typeof babies)[number]) => b.baby.live && !recordedAt(b.baby.death?.at);
    const followUps = (m: Mother, baby: number) =>
      m.postpartum!.followUps.filter((f) => f.baby === baby);
    const expected: Record<PostpartumWorklistQueryDto['list'], string[]> = {
      postpartum_visits: own.flatMap((m) => {
        const discharged = recordedAt(m.birth!.motherDischargedAt);
        if (m.finalStatus !== 'delivered' || !discharged || m.postpartum!.visit) return [];
        const state = postpartumVisitState(todayIn(this.timeZone, discharged), null, today);
        return state === 'due' || state === 'overdue'
          ? [`${m.subject.pregnancyId()} ${state}`]
          : [];
      }),
      day42_checks: own.flatMap((m) => {
        if (
          m.finalStatus !== 'delivered' ||
          m.postpartum!.day42 ||
          daysBetween(m.deliveredOn!, today) < 42
        )
          return [];
        const state = day42CheckState(m.deliveredOn!, null, today);
        return state === 'due' || state === 'overdue'
          ? [`${m.subject.pregnancyId()} ${state}`]
          : [];
      }),
      phone_follow_ups: babies.flatMap((b) => {
        if (!alive(b) || now.getTime() - b.baby.bornAt.getTime() > 230 * DAY_MS) return [];
        const birthDate = todayIn(this.timeZone, b.baby.bornAt);
        return PHONE_FOLLOW_UP_MONTHS.flatMap((months) => {
          if (followUps(b.m, b.baby.birthOrder - 1).some((f) => f.contact === `phone_${months}m`))
            return [];
          const state = phoneFollowUpState(birthDate, months, null, today);
          return state === 'due' || state === 'overdue' ? [`${b.id} ${months}m ${state}`] : [];
        });
      }),
      breastfeeding_problems: babies.flatMap((b) => {
        const own = followUps(b.m, b.baby.birthOrder - 1);
        const last = own.filter((f) => f.problems.length > 0).pop();
        if (!last || daysBetween(last.on, today) > 90) return [];
        const next = own.find((f) => f.on > last.on)?.on ?? null;
        const followed =
          next && next <= addDays(last.on, PROBLEM_FOLLOW_UP_WITHIN_DAYS) ? next : null;
        return problemFollowUpOverdue(last.on, followed, today) ? [`${b.id}`] : [];
      }),
      first_feed_missing: babies.flatMap((b) => {
        const contraindicated =
          b.baby.contraindication && recordedAt(new Date(b.baby.bornAt.getTime() + 30 * 60_000));
        if (!alive(b) || now.getTime() - b.baby.bornAt.getTime() > DAY_MS || contraindicated)
          return [];
        const recorded = recordedFeeding(b.baby, this.now).filter(
          (e) => e.kind === 'first_breastfeed' || e.kind === 'discharge',
        );
        return recorded.length === 0 && firstFeedOverdue(b.baby.bornAt, null, now)
          ? [`${b.id}`]
          : [];
      }),
    };
    const counts = this.worklistCounts.get(facility)!;
    for (const list of Object.keys(expected) as PostpartumWorklistQueryDto['list'][]) {
      const page = await this.services.postpartumWorklists.list(
        nurse,
        await validated(PostpartumWorklistQueryDto, { list, page: 1, pageSize: MAX_PAGE_SIZE }),
      );
      const actual = page.items.map((i) => {
        if (list === 'postpartum_visits' || list === 'day42_checks')
          return `${i.pregnancyId} ${i.state}`;
        if (list === 'phone_follow_ups')
          return `${i.newbornId} ${i.what.split('-')[0]}m ${i.state}`;
        return `${i.newbornId}`;
      });
      mismatch(facility, `postpartum worklist ${list}`, actual.sort(), expected[list].sort());
      if (actual.length === 0) {
        throw new Error(
          `Demo plan: ${FACILITY_CODES[facility]} postpartum worklist ${list} is empty`,
        );
      }
      counts[list] = page.total;
    }
    // Babies without a hepatitis B birth dose: the stories' births of the last hours are on it.
    const doses = await this.services.birthDoseWorklist.list(
      nurse,
      await validated(BirthDoseWorklistQueryDto, { page: 1, pageSize: MAX_PAGE_SIZE }),
    );
    if (doses.items.length === 0) {
      throw new Error(`Demo plan: ${FACILITY_CODES[facility]} birth-dose worklist is empty`);
    }
    counts.birth_doses = doses.total;
  }

  // -------------------------------------------------------------------------------------------
  // The printout.

  async printSummary(): Promise<void> {
    const rows = (from: number, to: number) =>
      FACILITY_KEYS.map((f) => this.summary.get(f)!).flatMap((r) => r.slice(from, to));
    console.log(
      '\nPMTCT (GET /pregnancies/{id}/pmtct): women who delivered here tested for all three (any time / in pregnancy / by 12+6); confirmed positives and treated, all pregnancies; exposed babies on time:',
    );
    printTable([
      [
        'facility',
        'tested',
        'in pregnancy',
        'early',
        'confirmed positive',
        'treated',
        'exposed babies born',
      ],
      ...rows(0, 1),
    ]);
    console.log('\nDeliveries and newborns (GET /pregnancies/{id}/delivery):');
    printTable([
      [
        'facility',
        'deliveries',
        'spontaneous',
        'assisted',
        'caesarean',
        'isolation room',
        'stillbirths',
        'NICU',
        'early/neonatal deaths',
        'low birth weight',
      ],
      ...rows(1, 2),
    ]);
    console.log(
      '\nBaby-Friendly flags of the newborns (BF-01..05), live births discharged alive without a contraindication:',
    );
    printTable([
      [
        'facility',
        'babies',
        'BF-01 skin-to-skin',
        'BF-02 early feed',
        'BF-03 rooming-in',
        'BF-04 exclusive in hospital',
        'BF-05 breastfeeding at discharge',
      ],
      ...rows(2, 3),
    ]);
    await this.printFollowUps();
    console.log(
      '\nWorklists (GET /worklists/pmtct?list=…, GET /worklists/postpartum?list=…, GET /worklists/birth-doses):',
    );
    const lists = Object.keys(this.worklistCounts.get('f1')!);
    printTable([
      ['list', ...FACILITY_KEYS.map((f) => FACILITY_CODES[f])],
      ...lists.map((list) => [
        list,
        ...FACILITY_KEYS.map((f) => String(this.worklistCounts.get(f)![list])),
      ]),
    ]);
  }

  private async printFollowUps(): Promise<void> {
    const facilityIds = FACILITY_KEYS.map((f) => this.staff[f].nurse.facilityId);
    const rows = await this.services.dataSource.query<
      {
        facility_id: number;
        contact: string;
        n: string;
        exclusive: string;
        problems: string;
        referrals: string;
      }[]
    >(
      `SELECT facility_id, contact, COUNT(*) AS n, SUM(classification = 'exclusive') AS exclusive,
              SUM(JSON_LENGTH(problems) > 0) AS problems, SUM(referral IS NOT NULL) AS referrals
       FROM breastfeeding_follow_up WHERE facility_id IN (?) GROUP BY facility_id, contact`,
      [facilityIds],
    );
    const contacts = await this.services.dataSource.query<
      { facility_id: number; kind: string; n: string }[]
    >(
      `SELECT facility_id, kind, COUNT(*) AS n FROM postpartum_contact WHERE facility_id IN (?) GROUP BY facility_id, kind`,
      [facilityIds],
    );
    console.log(
      '\nPostpartum care and breastfeeding follow-ups (24-hour recall): exclusive at each contact; problems and breast-clinic referrals:',
    );
    printTable([
      [
        'facility',
        'postpartum visits',
        '42-day checks',
        'postpartum visit',
        '42 days',
        '4 months',
        '6 months',
        'problems (referred)',
      ],
      ...FACILITY_KEYS.map((facility, i) => {
        const own = rows.filter((r) => r.facility_id === facilityIds[i]);
        const at = (contact: string) => {
          const row = own.find((r) => r.contact === contact);
          return row ? share(Number(row.exclusive), Number(row.n)) : '0';
        };
        const sum = (key: 'n' | 'problems' | 'referrals') =>
          own.reduce((n, r) => n + Number(r[key]), 0);
        const kind = (k: string) =>
          contacts.find((c) => c.facility_id === facilityIds[i] && c.kind === k)?.n ?? '0';
        return [
          FACILITY_CODES[facility],
          kind('postpartum_visit'),
          kind('day42_check'),
          at('postpartum_visit'),
          at('day42_check'),
          at('phone_4m'),
          at('phone_6m'),
          `${share(sum('problems'), sum('n'))} (${sum('referrals')})`,
        ];
      }),
    ]);
  }
}

/** Which disease each maternal treatment treats (as the service counts it). */
const TREATS: Record<TreatmentKind, Disease> = {
  art: 'hiv',
  syphilis_course: 'syphilis',
  hbv_antiviral: 'hbsag',
};

function newbornLine(n: NewbornDto): string {
  const base = `${n.birthOrder} ${n.vitalStatus} nicu ${n.nicuAdmittedAt !== null} died ${n.diedAt !== null}`;
  return n.feedingFlags ? flagsLine(base, n.feedingFlags) : `${base} flags none`;
}

function flagsLine(base: string, flags: FeedingFlagsDto): string {
  const flag = (name: string, f: { met: boolean; reason: string | null }) =>
    `${name} ${f.met ? 'met' : `not met (${f.reason})`}`;
  return [
    base,
    flag('BF-01', flags.earlySkinToSkin),
    flag('BF-02', flags.earlyInitiation),
    flag('BF-03', flags.roomingIn),
    flag('BF-04', flags.exclusiveStrict),
    flag('BF-04m', flags.exclusiveExceptMedical),
    flag('BF-05', flags.breastfeedingAtDischarge),
    `contraindications [${flags.contraindications.join(', ')}]`,
  ].join('; ');
}

function mismatch(facility: FacilityKey, what: string, actual: string[], expected: string[]): void {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return;
  throw new Error(
    `Demo plan: ${FACILITY_CODES[facility]} ${what} is\n  ${actual.join('\n  ')}\nexpected\n  ${expected.join('\n  ')}`,
  );
}
