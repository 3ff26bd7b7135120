import { addDays } from '../src/core/time/calendar-date';
import { RiskJobsProducer } from '../src/risk/risk-jobs.producer';
import { NATIONAL_FACTORS } from '../src/risk/rules/national-catalogue';
import { deliveryPayload, tenOClockOn } from './factories/delivery.factory';
import { createStaffedFacility, createSystemAdmin, Staff } from './factories/people.factory';
import { registrationPayload, residentId, today } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
import { whileFirstHolds } from './utils/lock-waits';
import { createTestApp, TestApp } from './utils/test-app';

interface Registered {
  id: number;
  version: number;
}

describe('five-colour risk grading, high-risk cases and district reports', () => {
  let t: TestApp;
  let home: Staff;
  let other: Staff;
  let systemAdmin: { token: string };

  const as = (staff: Staff, role: keyof Staff['tokens'] = 'nurse') => bearer(staff.tokens[role]);

  async function register(
    overrides: Parameters<typeof registrationPayload>[0] = {},
    staff = home,
  ): Promise<Registered> {
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(staff))
      .send(registrationPayload(overrides))
      .expect(201);
    return { id: body.pregnancy.id, version: body.pregnancy.version };
  }

  const assess = (pregnancyId: number, body: Record<string, unknown>, staff = home) =>
    t.http().post(`/pregnancies/${pregnancyId}/risk-assessments`).set(as(staff)).send(body);

  const pregnancy = async (id: number) =>
    (await t.http().get(`/pregnancies/${id}`).set(as(home)).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    other = await createStaffedFacility(t.dataSource, loginWith(t));
    systemAdmin = await createSystemAdmin(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  describe('catalogue', () => {
    it('ships the national catalogue as data', async () => {
      const list = await t.http().get('/risk-catalogues').set(as(home)).expect(200);
      expect(list.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            version: 'CN-2017',
            province: null,
            factorCount: NATIONAL_FACTORS.length,
            addedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          }),
        ]),
      );
      const { body } = await t.http().get('/risk-catalogues/CN-2017').set(as(home)).expect(200);
      expect(body.factors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            code: 'PERNICIOUS_PLACENTA_PRAEVIA',
            colour: 'red',
            origin: 'ticked',
            descriptionZh: '凶险性前置胎盘',
          }),
          // 乙肝病毒携带者 is a yellow item of the form as well as an infectious disease.
          expect.objectContaining({
            code: 'HBSAG_POSITIVE',
            colour: 'yellow',
            purple: true,
            origin: 'derived',
          }),
          expect.objectContaining({
            code: 'TWINS_WITH_POLYHYDRAMNIOS',
            colour: 'orange',
            descriptionZh: '双胎、羊水过多伴发心肺功能减退',
          }),
          expect.objectContaining({
            code: 'TRIPLETS_OR_MORE',
            colour: 'orange',
            origin: 'derived',
          }),
          expect.objectContaining({ code: 'OTHER_RED', colour: 'red', requiresNote: true }),
        ]),
      );
    });

    it('lets a system admin add a provincial version, used for facilities of that province', async () => {
      const provincial = NATIONAL_FACTORS.map((factor) =>
        factor.code === 'RH_NEGATIVE' ? { ...factor, colour: 'orange' } : factor,
      );
      const version = `ZJ-${Date.now() % 100000}`;
      await t
        .http()
        .post('/risk-catalogues')
        .set(bearer(systemAdmin.token))
        .send({ version, province: '33', name: '浙江省妊娠风险评估表', factors: provincial })
        .expect(201);
      const duplicate = await t
        .http()
        .post('/risk-catalogues')
        .set(bearer(systemAdmin.token))
        .send({ version, province: '33', name: 'again', factors: provincial })
        .expect(409);
      expect(duplicate.body.code).toBe('RISK_CATALOGUE_VERSION_TAKEN');

      const zhejiang = await createStaffedFacility(t.dataSource, loginWith(t));
      await t.dataSource.query("UPDATE facility SET region_code = '330106' WHERE id = ?", [
        zhejiang.facility.id,
      ]);
      const p = await register({}, zhejiang);
      const { body } = await assess(
        p.id,
        { kind: 'registration_screening', factorCodes: ['RH_NEGATIVE'] },
        zhejiang,
      ).expect(201);
      expect(body).toMatchObject({ catalogueVersion: version, colour: 'orange' });

      // The list marks the version each facility grades with, for the desk to show it.
      const defaultOf = async (staff: Staff) =>
        (
          (await t.http().get('/risk-catalogues').set(as(staff)).expect(200)).body as Array<{
            version: string;
            facilityDefault: boolean;
          }>
        )
          .filter((catalogue) => catalogue.facilityDefault)
          .map((catalogue) => catalogue.version);
      expect(await defaultOf(zhejiang)).toEqual([version]);
      expect(await defaultOf(home)).toEqual(['CN-2017']);
    });

    it('refuses a provincial catalogue that drops a derived factor', async () => {
      const { body } = await t
        .http()
        .post('/risk-catalogues')
        .set(bearer(systemAdmin.token))
        .send({
          version: `BAD-${Date.now() % 100000}`,
          province: '44',
          name: 'incomplete',
          factors: NATIONAL_FACTORS.filter((factor) => factor.code !== 'BP_140_90'),
        })
        .expect(400);
      expect(body.code).toBe('RISK_CATALOGUE_INVALID');
      expect(body.details).toEqual([
        expect.objectContaining({ field: 'factors', rule: 'derivedFactorsPresent' }),
      ]);
    });
  });

  describe('grading', () => {
    it('adds factors derived from records to the ticked ones; the highest colour wins; PURPLE coexists', async () => {
      const birthDate = addDays(today(), -(36 * 365 + 20));
      const p = await register({
        woman: { birthDate, documentNumber: residentId(birthDate) },
        pregnancy: { gravidity: 2, parity: 1, previousCaesareans: 1 },
      });
      const { body } = await assess(p.id, {
        kind: 'registration_screening',
        factorCodes: ['TUBERCULOSIS', 'RH_NEGATIVE'],
      }).expect(201);
      expect(body).toMatchObject({
        kind: 'registration_screening',
        colour: 'yellow',
        purple: true,
        catalogueVersion: 'CN-2017',
      });
      expect(body.factors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'TUBERCULOSIS', origin: 'ticked', purple: true }),
          expect.objectContaining({ code: 'RH_NEGATIVE', origin: 'ticked', colour: 'yellow' }),
          expect.objectContaining({
            code: 'AGE_35_PLUS',
            origin: 'derived',
            evidence: expect.stringContaining('36'),
          }),
          expect.objectContaining({
            code: 'ONE_PREVIOUS_CAESAREAN',
            origin: 'derived',
            sourceRecord: `pregnancy:${p.id}`,
          }),
        ]),
      );
      expect(await pregnancy(p.id)).toMatchObject({ riskColour: 'yellow', riskPurple: true });
    });

    it('refuses unknown and derived codes, naming the index', async () => {
      const p = await register();
      const unknown = await assess(p.id, {
        kind: 'visit',
        factorCodes: ['RH_NEGATIVE', 'NOT_A_FACTOR'],
      }).expect(400);
      expect(unknown.body).toMatchObject({ code: 'RISK_FACTOR_UNKNOWN' });
      expect(unknown.body.details).toEqual([
        expect.objectContaining({ field: 'factorCodes[1]', rule: 'inCatalogue' }),
      ]);
      const derived = await assess(p.id, { kind: 'visit', factorCodes: ['AGE_35_PLUS'] }).expect(
        400,
      );
      expect(derived.body).toMatchObject({ code: 'RISK_FACTOR_DERIVED' });
      expect(derived.body.details).toEqual([
        expect.objectContaining({ field: 'factorCodes[0]', rule: 'notDerived' }),
      ]);
      const kind = await assess(p.id, { kind: 'day42_check', factorCodes: [] }).expect(400);
      expect(kind.body.details).toEqual([
        expect.objectContaining({ field: 'kind', rule: 'matchesPregnancyStatus' }),
      ]);
      const future = await assess(p.id, {
        kind: 'visit',
        factorCodes: [],
        assessedOn: addDays(today(), 1),
      }).expect(400);
      expect(future.body.details).toEqual([
        expect.objectContaining({ field: 'assessedOn', rule: 'notFuture' }),
      ]);
      const inAMinute = await assess(p.id, {
        kind: 'visit',
        factorCodes: [],
        assessedAt: new Date(Date.now() + 60_000).toISOString(),
      }).expect(400);
      expect(inAMinute.body.details).toEqual([
        expect.objectContaining({ field: 'assessedAt', rule: 'notFuture' }),
      ]);
      const otherDay = await assess(p.id, {
        kind: 'visit',
        factorCodes: [],
        assessedAt: new Date().toISOString(),
        assessedOn: addDays(today(), -1),
      }).expect(400);
      expect(otherDay.body.details).toEqual([
        expect.objectContaining({ field: 'assessedOn', rule: 'matchesAssessedAt' }),
      ]);
    });

    it('re-grades automatically when a visit drops the Hb, and only when the colour changes', async () => {
      const p = await register({
        pregnancy: { lmp: addDays(today(), -120), registrationDate: addDays(today(), -30) },
      });
      await t
        .http()
        .post(`/pregnancies/${p.id}/visits`)
        .set(as(home))
        .send({ visitDate: addDays(today(), -30), haemoglobinGL: 120 })
        .expect(201);
      await assess(p.id, {
        kind: 'registration_screening',
        factorCodes: [],
        assessedOn: addDays(today(), -30),
      }).expect(201);
      expect(await pregnancy(p.id)).toMatchObject({ riskColour: 'green' });

      const same = await t
        .http()
        .post(`/pregnancies/${p.id}/visits`)
        .set(as(home))
        .send({ visitDate: addDays(today(), -20), haemoglobinGL: 110 })
        .expect(201);
      expect(same.body.regrading).toBeNull();

      const anaemic = await t
        .http()
        .post(`/pregnancies/${p.id}/visits`)
        .set(as(home))
        .send({ visitDate: addDays(today(), -10), haemoglobinGL: 109 })
        .expect(201);
      expect(anaemic.body.regrading).toMatchObject({ colour: 'yellow', purple: false });

      const severe = await t
        .http()
        .post(`/pregnancies/${p.id}/visits`)
        .set(as(home))
        .send({ visitDate: today(), haemoglobinGL: 59 })
        .expect(201);
      expect(severe.body.regrading).toMatchObject({ colour: 'orange' });

      const history = await t
        .http()
        .get(`/pregnancies/${p.id}/risk-assessments`)
        .set(as(home))
        .expect(200);
      expect(
        history.body.map((a: { kind: string; colour: string }) => `${a.kind}:${a.colour}`),
      ).toEqual(['automatic:orange', 'automatic:yellow', 'registration_screening:green']);
      expect(history.body[0].sourceVisitId).toBe(severe.body.id);
      expect(history.body[0].factors).toEqual([
        expect.objectContaining({
          code: 'SEVERE_ANAEMIA_HB_40_60',
          evidence: expect.stringContaining('59'),
          sourceRecord: `visit:${severe.body.id}`,
        }),
      ]);
      expect(await pregnancy(p.id)).toMatchObject({ riskColour: 'orange' });
    });
  });

  describe('high-risk cases', () => {
    it('opens a case for ORANGE, shows it on the register with its next action, and closes it with the episode', async () => {
      const p = await register({
        pregnancy: { lmp: addDays(today(), -200), registrationDate: addDays(today(), -60) },
      });
      await assess(p.id, {
        kind: 'registration_screening',
        factorCodes: ['SEVERE_PRE_ECLAMPSIA'],
        assessedOn: addDays(today(), -20),
      }).expect(201);

      const register1 = await t.http().get('/high-risk-cases').set(as(home)).expect(200);
      const entry = register1.body.items.find(
        (c: { pregnancyId: number }) => c.pregnancyId === p.id,
      );
      expect(entry).toMatchObject({
        status: 'open',
        colour: 'orange',
        nextAction: { action: 'report_late' },
      });

      const reports = await t.http().get('/risk-reports').set(as(home)).expect(200);
      const report = reports.body.items.find(
        (r: { pregnancyId: number }) => r.pregnancyId === p.id,
      );
      await t
        .http()
        .post(`/risk-reports/${report.id}/sent`)
        .set(as(home))
        .send({ reportedTo: '朝阳区妇幼保健院' })
        .expect(200);

      const assigned = await t
        .http()
        .patch(`/high-risk-cases/${entry.id}`)
        .set(as(home, 'mch_staff'))
        .send({ version: entry.version, responsibleClinicianId: home.users.mch_staff.id })
        .expect(200);
      expect(assigned.body.nextAction.action).toBe('write_plan');
      const foreign = await t
        .http()
        .patch(`/high-risk-cases/${entry.id}`)
        .set(as(home, 'mch_staff'))
        .send({ version: assigned.body.version, responsibleClinicianId: other.users.nurse.id })
        .expect(400);
      expect(foreign.body).toMatchObject({ code: 'CLINICIAN_NOT_FOUND' });
      const planned = await t
        .http()
        .patch(`/high-risk-cases/${entry.id}`)
        .set(as(home, 'mch_staff'))
        .send({ version: assigned.body.version, plan: '每周产检，监测血压与尿蛋白' })
        .expect(200);
      expect(planned.body.nextAction.action).toBe('follow_up');
      // null unassigns (a clinician who left, say): the case asks for a clinician again.
      const unassigned = await t
        .http()
        .patch(`/high-risk-cases/${entry.id}`)
        .set(as(home, 'mch_staff'))
        .send({ version: planned.body.version, responsibleClinicianId: null })
        .expect(200);
      expect(unassigned.body).toMatchObject({
        responsibleClinicianId: null,
        nextAction: { action: 'assign_clinician' },
      });
      await t
        .http()
        .patch(`/high-risk-cases/${entry.id}`)
        .set(as(home, 'mch_staff'))
        .send({ version: unassigned.body.version, responsibleClinicianId: home.users.mch_staff.id })
        .expect(200);
      await t
        .http()
        .post(`/high-risk-cases/${entry.id}/notes`)
        .set(as(home))
        .send({ text: '血压 150/100，已通知医生' })
        .expect(201);

      const beforeCase = await t
        .http()
        .post(`/high-risk-cases/${entry.id}/referrals`)
        .set(as(home))
        .send({
          referredOn: addDays(today(), -21),
          toFacilityName: '北京大学第一医院',
          reason: 'x',
        })
        .expect(400);
      expect(beforeCase.body.details).toEqual([
        expect.objectContaining({ field: 'referredOn', rule: 'withinCase' }),
      ]);
      const referral = await t
        .http()
        .post(`/high-risk-cases/${entry.id}/referrals`)
        .set(as(home))
        .send({
          referredOn: addDays(today(), -15),
          toFacilityName: '北京大学第一医院',
          reason: '重度子痫前期',
        })
        .expect(201);
      expect(referral.body.followUpDueOn).toBe(addDays(today(), -1));
      const late = await t.http().get(`/high-risk-cases/${entry.id}`).set(as(home)).expect(200);
      expect(late.body.nextAction).toEqual({
        action: 'referral_follow_up_late',
        dueAt: addDays(today(), -1),
      });
      await t
        .http()
        .post(`/referrals/${referral.body.id}/follow-up`)
        .set(as(home))
        .send({ followedUpOn: today(), result: '已在上级医院住院' })
        .expect(200);
      const again = await t
        .http()
        .post(`/referrals/${referral.body.id}/follow-up`)
        .set(as(home))
        .send({ followedUpOn: today(), result: 'x' })
        .expect(409);
      expect(again.body.code).toBe('REFERRAL_ALREADY_FOLLOWED_UP');

      const detail = await t.http().get(`/high-risk-cases/${entry.id}`).set(as(home)).expect(200);
      expect(detail.body).toMatchObject({
        nextAction: { action: 'follow_up' },
        notes: [expect.objectContaining({ text: '血压 150/100，已通知医生' })],
      });
      await t.http().get(`/high-risk-cases/${entry.id}`).set(as(other)).expect(404);

      const current = await pregnancy(p.id);
      await t
        .http()
        .post(`/pregnancies/${p.id}/status`)
        .set(as(home))
        .send({
          version: current.version,
          status: 'transferred_out',
          effectiveDate: today(),
          reason: '转上级医院',
        })
        .expect(200);
      const closed = await t.http().get(`/high-risk-cases/${entry.id}`).set(as(home)).expect(200);
      expect(closed.body).toMatchObject({
        status: 'closed',
        closeReason: 'pregnancy transferred_out',
      });
      const caseAudit = await auditTrail(t.dataSource, 'high_risk_case', entry.id);
      expect(caseAudit.map((row) => row.action)).toEqual([
        'create',
        'update',
        'update',
        // unassigned, then assigned again
        'update',
        'update',
        'status_change',
      ]);
    });

    it('opens no case for YELLOW', async () => {
      const p = await register();
      await assess(p.id, { kind: 'registration_screening', factorCodes: ['RH_NEGATIVE'] }).expect(
        201,
      );
      const { body } = await t.http().get('/high-risk-cases').set(as(home)).expect(200);
      expect(body.items.map((c: { pregnancyId: number }) => c.pregnancyId)).not.toContain(p.id);
    });
  });

  describe('district reports', () => {
    const reportFor = async (pregnancyId: number, state = 'pending') =>
      (
        await t
          .http()
          .get('/risk-reports')
          .query({ state, pageSize: 100 })
          .set(as(home))
          .expect(200)
      ).body.items.find((r: { pregnancyId: number }) => r.pregnancyId === pregnancyId);

    it('gives RED 24 hours from the grading; one written up later runs from when she graded', async () => {
      const gradedNow = await register({ pregnancy: { registrationDate: addDays(today(), -3) } });
      await assess(gradedNow.id, {
        kind: 'registration_screening',
        factorCodes: ['PERNICIOUS_PLACENTA_PRAEVIA'],
      }).expect(201);
      const report = await reportFor(gradedNow.id, 'due');
      expect(report).toMatchObject({ colour: 'red', state: 'due' });
      expect(Date.parse(report.dueAt) - Date.parse(report.gradedAt)).toBe(24 * 3_600_000);

      // Graded 23 h 59 min ago, typed in now: still due, with the deadline from the grading.
      const writtenUp = await register({ pregnancy: { registrationDate: addDays(today(), -3) } });
      const gradedAt = new Date(Date.now() - (24 * 60 - 1) * 60_000);
      const graded = await assess(writtenUp.id, {
        kind: 'registration_screening',
        factorCodes: ['PERNICIOUS_PLACENTA_PRAEVIA'],
        assessedAt: gradedAt.toISOString(),
      }).expect(201);
      expect(graded.body.assessedAt).toBe(gradedAt.toISOString());
      const onTime = await reportFor(writtenUp.id, 'due');
      expect(onTime).toMatchObject({
        colour: 'red',
        state: 'due',
        gradedAt: gradedAt.toISOString(),
      });

      // Graded 24 h 1 min ago: late.
      const overdue = await register({ pregnancy: { registrationDate: addDays(today(), -3) } });
      await assess(overdue.id, {
        kind: 'registration_screening',
        factorCodes: ['PERNICIOUS_PLACENTA_PRAEVIA'],
        assessedAt: new Date(Date.now() - (24 * 60 + 1) * 60_000).toISOString(),
      }).expect(201);
      const lateReport = await reportFor(overdue.id, 'late');
      expect(lateReport).toMatchObject({ colour: 'red', state: 'late' });

      const sent = await t
        .http()
        .post(`/risk-reports/${lateReport.id}/sent`)
        .set(as(home))
        .send({ reportedTo: '朝阳区妇幼保健院' })
        .expect(200);
      expect(sent.body).toMatchObject({ state: 'reported_late', reportedBy: home.users.nurse.id });
      expect(await reportFor(overdue.id, 'reported_late')).toBeDefined();
      const again = await t
        .http()
        .post(`/risk-reports/${lateReport.id}/sent`)
        .set(as(home))
        .send({ reportedTo: 'x' })
        .expect(409);
      expect(again.body.code).toBe('RISK_REPORT_ALREADY_SENT');
    });

    it('gives ORANGE 3 days, and asks for a report only when the colour rises', async () => {
      const p = await register({ pregnancy: { registrationDate: addDays(today(), -10) } });
      await assess(p.id, {
        kind: 'registration_screening',
        factorCodes: ['ASTHMA'],
        assessedAt: new Date(Date.now() - (72 * 60 + 1) * 60_000).toISOString(),
      }).expect(201);
      const report = await reportFor(p.id);
      expect(Date.parse(report.dueAt) - Date.parse(report.gradedAt)).toBe(72 * 3_600_000);
      expect(report.state).toBe('late');

      await assess(p.id, { kind: 'visit', factorCodes: ['ASTHMA'] }).expect(201);
      const all = (
        await t
          .http()
          .get('/risk-reports')
          .query({ state: 'pending', pageSize: 100 })
          .set(as(home))
          .expect(200)
      ).body.items;
      expect(all.filter((r: { pregnancyId: number }) => r.pregnancyId === p.id)).toHaveLength(1);

      await assess(p.id, {
        kind: 'visit',
        factorCodes: ['ASTHMA', 'HEART_FUNCTION_III_IV'],
      }).expect(201);
      const rose = (
        await t
          .http()
          .get('/risk-reports')
          .query({ state: 'due', pageSize: 100 })
          .set(as(home))
          .expect(200)
      ).body.items;
      expect(rose.filter((r: { pregnancyId: number }) => r.pregnancyId === p.id)).toEqual([
        expect.objectContaining({ colour: 'red' }),
      ]);
    });

    it('refuses a report time before the grading', async () => {
      const p = await register();
      await assess(p.id, {
        kind: 'registration_screening',
        factorCodes: ['HEART_FUNCTION_II'],
      }).expect(201);
      const report = await reportFor(p.id);
      const { body } = await t
        .http()
        .post(`/risk-reports/${report.id}/sent`)
        .set(as(home))
        .send({
          reportedTo: '区妇幼',
          reportedAt: new Date(Date.parse(report.gradedAt) - 60_000).toISOString(),
        })
        .expect(400);
      expect(body.details).toEqual([
        expect.objectContaining({ field: 'reportedAt', rule: 'betweenGradingAndNow' }),
      ]);
      const elsewhere = await t
        .http()
        .post(`/risk-reports/${report.id}/sent`)
        .set(as(other))
        .send({ reportedTo: 'x' })
        .expect(404);
      expect(elsewhere.body.code).toBe('RISK_REPORT_NOT_FOUND');
    });
  });

  describe('the national form', () => {
    it('refuses an "other" item without a note and keeps the note, also in an automatic re-grading', async () => {
      const p = await register({
        pregnancy: { lmp: addDays(today(), -120), registrationDate: addDays(today(), -10) },
      });
      const bare = await assess(p.id, {
        kind: 'registration_screening',
        factorCodes: ['RH_NEGATIVE', 'OTHER_RED'],
      }).expect(400);
      expect(bare.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(bare.body.details).toEqual([
        expect.objectContaining({ field: 'factorCodes[1]', rule: 'noteRequired' }),
      ]);
      const blank = await assess(p.id, {
        kind: 'registration_screening',
        factorCodes: ['OTHER_RED'],
        factorNotes: [{ code: 'OTHER_RED', note: '   ' }],
      }).expect(400);
      expect(blank.body.details).toEqual([
        expect.objectContaining({ field: 'factorCodes[0]', rule: 'noteRequired' }),
      ]);
      const stray = await assess(p.id, {
        kind: 'registration_screening',
        factorCodes: [],
        factorNotes: [{ code: 'OTHER_RED', note: '主动脉夹层术后' }],
      }).expect(400);
      expect(stray.body.details).toEqual([
        expect.objectContaining({ field: 'factorNotes[0].code', rule: 'ticked' }),
      ]);

      const { body } = await assess(p.id, {
        kind: 'registration_screening',
        factorCodes: ['RH_NEGATIVE', 'OTHER_RED'],
        factorNotes: [{ code: 'OTHER_RED', note: '主动脉夹层术后' }],
        assessedOn: addDays(today(), -10),
      }).expect(201);
      expect(body).toMatchObject({ colour: 'red' });
      expect(body.factors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'RH_NEGATIVE', note: null }),
          expect.objectContaining({ code: 'OTHER_RED', note: '主动脉夹层术后' }),
        ]),
      );

      // A visit keeping her RED records no grading; a changed fetus count re-grades, note kept.
      await t
        .http()
        .post(`/pregnancies/${p.id}/visits`)
        .set(as(home))
        .send({ visitDate: today(), haemoglobinGL: 35 })
        .expect(201);
      const current = await pregnancy(p.id);
      await t
        .http()
        .patch(`/pregnancies/${p.id}`)
        .set(as(home))
        .send({ version: current.version, fetusCount: 2 })
        .expect(200);
      const history = (
        await t.http().get(`/pregnancies/${p.id}/risk-assessments`).set(as(home)).expect(200)
      ).body;
      expect(history[0]).toMatchObject({ kind: 'automatic', colour: 'red' });
      expect(history[0].factors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'RH_NEGATIVE', note: null }),
          expect.objectContaining({ code: 'OTHER_RED', note: '主动脉夹层术后' }),
          expect.objectContaining({ code: 'MULTIPLE_PREGNANCY' }),
        ]),
      );
    });

    it('grades an HBsAg-positive woman YELLOW (a carrier) as well as PURPLE', async () => {
      const p = await register({
        pregnancy: { lmp: addDays(today(), -100), registrationDate: addDays(today(), -30) },
      });
      await assess(p.id, {
        kind: 'registration_screening',
        factorCodes: [],
        assessedOn: addDays(today(), -30),
      }).expect(201);
      for (const kind of ['screening', 'confirmatory']) {
        await t
          .http()
          .post(`/pregnancies/${p.id}/pmtct-tests`)
          .set(as(home))
          .send({
            kind,
            setting: 'antenatal',
            disease: 'hbsag',
            sampleDate: addDays(today(), -20),
            result: 'positive',
            resultDate: addDays(today(), -20),
          })
          .expect(201);
      }
      expect(await pregnancy(p.id)).toMatchObject({ riskColour: 'yellow', riskPurple: true });
      const [latest] = (
        await t.http().get(`/pregnancies/${p.id}/risk-assessments`).set(as(home)).expect(200)
      ).body;
      expect(latest).toMatchObject({ kind: 'automatic', colour: 'yellow', purple: true });
      expect(latest.factors).toEqual([
        expect.objectContaining({ code: 'HBSAG_POSITIVE', colour: 'yellow', purple: true }),
      ]);
    });

    it('derives triplets or more as ORANGE from the fetus count, twins as YELLOW', async () => {
      const triplets = await register({ pregnancy: { fetusCount: 3 } });
      const three = await assess(triplets.id, {
        kind: 'registration_screening',
        factorCodes: [],
      }).expect(201);
      expect(three.body).toMatchObject({ colour: 'orange' });
      expect(three.body.factors).toEqual([
        expect.objectContaining({ code: 'TRIPLETS_OR_MORE', evidence: '3 fetuses' }),
      ]);
      const twins = await register({ pregnancy: { fetusCount: 2 } });
      const two = await assess(twins.id, {
        kind: 'registration_screening',
        factorCodes: [],
      }).expect(201);
      expect(two.body).toMatchObject({ colour: 'yellow' });
      expect(two.body.factors).toEqual([expect.objectContaining({ code: 'MULTIPLE_PREGNANCY' })]);
    });
  });

  describe('BMI from the pre-pregnancy or first-trimester weight', () => {
    const visit = (pregnancyId: number, body: Record<string, unknown>) =>
      t.http().post(`/pregnancies/${pregnancyId}/visits`).set(as(home)).send(body).expect(201);
    const latestFactors = async (pregnancyId: number) =>
      (await t.http().get(`/pregnancies/${pregnancyId}/risk-assessments`).set(as(home)).expect(200))
        .body[0].factors as { code: string; evidence: string; sourceRecord: string }[];

    it('takes the pre-pregnancy weight given at registration, refusing one out of range', async () => {
      const refused = await t
        .http()
        .post('/registrations')
        .set(as(home))
        .send(registrationPayload({ pregnancy: { prePregnancyWeightKg: 29.9 } }))
        .expect(400);
      expect(refused.body.details).toEqual([
        expect.objectContaining({ field: 'pregnancy.prePregnancyWeightKg' }),
      ]);
      const p = await register({ pregnancy: { prePregnancyWeightKg: 75 } });
      expect(await pregnancy(p.id)).toMatchObject({ prePregnancyWeightKg: 75 });
      // Heavier at the visit, but the BMI is from 75 kg: 75 / 1.6² = 29.3.
      await visit(p.id, { visitDate: today(), heightCm: 160, weightKg: 80 });
      const { body } = await assess(p.id, {
        kind: 'registration_screening',
        factorCodes: [],
      }).expect(201);
      expect(body.factors).toEqual([
        expect.objectContaining({
          code: 'BMI_28_PLUS',
          evidence: 'BMI 29.3 (pre-pregnancy weight)',
          sourceRecord: `pregnancy:${p.id}`,
        }),
      ]);
    });

    it('takes a weight at 13+6, never one at 14+0', async () => {
      const early = await register({ pregnancy: { lmp: addDays(today(), -97) } });
      const weighed = await visit(early.id, { visitDate: today(), heightCm: 160, weightKg: 70 });
      await assess(early.id, { kind: 'registration_screening', factorCodes: [] }).expect(201);
      expect(await latestFactors(early.id)).toEqual([
        expect.objectContaining({
          code: 'BMI_OVER_25',
          evidence: 'BMI 27.3 (weight at 13+6)',
          sourceRecord: `visit:${weighed.body.id}`,
        }),
      ]);

      const late = await register({ pregnancy: { lmp: addDays(today(), -98) } });
      await visit(late.id, { visitDate: today(), heightCm: 160, weightKg: 70 });
      const { body } = await assess(late.id, {
        kind: 'registration_screening',
        factorCodes: [],
      }).expect(201);
      expect(body).toMatchObject({ colour: 'green', factors: [] });
    });
  });

  describe('re-grading when the facts change', () => {
    const automatic = async (pregnancyId: number) =>
      (
        await t.http().get(`/pregnancies/${pregnancyId}/risk-assessments`).set(as(home)).expect(200)
      ).body.filter((a: { kind: string }) => a.kind === 'automatic');

    it('a fetus count changed while a visit grades her ORANGE keeps what the visit found', async () => {
      const p = await register({ pregnancy: { gravidity: 3, parity: 2 } });
      await assess(p.id, { kind: 'registration_screening', factorCodes: [] }).expect(201);
      const current = await pregnancy(p.id);
      // The visit holds her while it waits at its first audit row; the correction is sent then.
      const [severe, twins] = await whileFirstHolds(
        t.dataSource,
        () =>
          t
            .http()
            .post(`/pregnancies/${p.id}/visits`)
            .set(as(home))
            .send({ visitDate: today(), haemoglobinGL: 59 }),
        () =>
          t
            .http()
            .patch(`/pregnancies/${p.id}`)
            .set(as(home))
            .send({ version: current.version, fetusCount: 2 }),
      );
      expect(severe.status).toBe(201);
      expect(twins.status).toBe(200);
      expect(await pregnancy(p.id)).toMatchObject({ riskColour: 'orange', fetusCount: 2 });
      const [latest] = await automatic(p.id);
      expect(latest.factors.map((f: { code: string }) => f.code).sort()).toEqual([
        'MULTIPLE_PREGNANCY',
        'SEVERE_ANAEMIA_HB_40_60',
      ]);
    });

    it('re-grades on the fetus count and previous caesareans, audited, and not before screening', async () => {
      const unscreened = await register({ pregnancy: { gravidity: 3, parity: 2 } });
      const before = await pregnancy(unscreened.id);
      await t
        .http()
        .patch(`/pregnancies/${unscreened.id}`)
        .set(as(home))
        .send({ version: before.version, fetusCount: 3 })
        .expect(200);
      expect(await automatic(unscreened.id)).toEqual([]);

      const p = await register({ pregnancy: { gravidity: 3, parity: 2 } });
      await assess(p.id, { kind: 'registration_screening', factorCodes: [] }).expect(201);
      let current = await pregnancy(p.id);
      await t
        .http()
        .patch(`/pregnancies/${p.id}`)
        .set(as(home))
        .send({ version: current.version, fetusCount: 3 })
        .expect(200);
      expect(await pregnancy(p.id)).toMatchObject({ riskColour: 'orange' });
      const [triplets] = await automatic(p.id);
      expect(triplets.factors).toEqual([expect.objectContaining({ code: 'TRIPLETS_OR_MORE' })]);
      // ORANGE opens the case and asks for the report, as a clinician's grading does.
      const cases = await t.http().get('/high-risk-cases').set(as(home)).expect(200);
      expect(cases.body.items.map((c: { pregnancyId: number }) => c.pregnancyId)).toContain(p.id);

      current = await pregnancy(p.id);
      await t
        .http()
        .patch(`/pregnancies/${p.id}`)
        .set(as(home))
        .send({ version: current.version, previousCaesareans: 2 })
        .expect(200);
      const [caesareans] = await automatic(p.id);
      // Same colour, new factor: still recorded.
      expect(caesareans).toMatchObject({ colour: 'orange' });
      expect(caesareans.factors.map((f: { code: string }) => f.code).sort()).toEqual([
        'TRIPLETS_OR_MORE',
        'TWO_PLUS_UTERINE_OPERATIONS',
      ]);
      const trail = await auditTrail(t.dataSource, 'pregnancy', p.id);
      expect(trail.map((row) => row.after)).toEqual(
        expect.arrayContaining([
          { regradedAfter: 'fetus_count', assessmentId: triplets.id },
          { regradedAfter: 'previous_caesareans', assessmentId: caesareans.id },
        ]),
      );
      expect(await auditTrail(t.dataSource, 'risk_assessment', caesareans.id)).toEqual([
        expect.objectContaining({ action: 'create' }),
      ]);
    });

    it('re-grades when the EDD moves: a 14+0 weight becomes first-trimester', async () => {
      const p = await register({ pregnancy: { lmp: addDays(today(), -98) } });
      await t
        .http()
        .post(`/pregnancies/${p.id}/visits`)
        .set(as(home))
        .send({ visitDate: today(), heightCm: 160, weightKg: 70 })
        .expect(201);
      await assess(p.id, { kind: 'registration_screening', factorCodes: [] }).expect(201);
      // The first scan dates the pregnancy: 90 days today, 8 days behind the LMP.
      await t
        .http()
        .post(`/pregnancies/${p.id}/scans`)
        .set(as(home))
        .send({ scanDate: today(), method: 'crl', gaDays: 90, note: '早孕超声' })
        .expect(201);
      const [regraded] = await automatic(p.id);
      expect(regraded).toMatchObject({ colour: 'yellow', gaDays: 90 });
      expect(regraded.factors).toEqual([
        expect.objectContaining({ code: 'BMI_OVER_25', evidence: 'BMI 27.3 (weight at 12+6)' }),
      ]);
      const trail = await auditTrail(t.dataSource, 'pregnancy', p.id);
      expect(trail.map((row) => row.after)).toContainEqual({
        regradedAfter: 'edd',
        assessmentId: regraded.id,
      });
    });
  });

  describe('closing high-risk cases', () => {
    async function deliveredOrangeCase(
      daysAgo: number,
    ): Promise<{ pregnancyId: number; caseId: number }> {
      const deliveredOn = addDays(today(), -daysAgo);
      const p = await register({
        pregnancy: {
          lmp: addDays(deliveredOn, -275),
          registrationDate: addDays(deliveredOn, -200),
        },
      });
      await assess(p.id, {
        kind: 'registration_screening',
        factorCodes: ['ASTHMA'],
        assessedOn: addDays(deliveredOn, -200),
      }).expect(201);
      await t
        .http()
        .post(`/pregnancies/${p.id}/delivery`)
        .set(as(home))
        .send(deliveryPayload(tenOClockOn(deliveredOn)))
        .expect(201);
      const entry = (
        await t.http().get('/high-risk-cases').query({ pageSize: 100 }).set(as(home)).expect(200)
      ).body.items.find((c: { pregnancyId: number }) => c.pregnancyId === p.id);
      return { pregnancyId: p.id, caseId: entry.id };
    }
    const caseOf = async (id: number) =>
      (await t.http().get(`/high-risk-cases/${id}`).set(as(home)).expect(200)).body;

    it('closes a case at the 42-day check', async () => {
      const { pregnancyId, caseId } = await deliveredOrangeCase(42);
      await t
        .http()
        .post(`/pregnancies/${pregnancyId}/postpartum-contacts`)
        .set(as(home))
        .send({
          kind: 'day42_check',
          contactDate: today(),
          classification: 'not_recovered',
          disposition: 'refer',
          factorCodes: ['ASTHMA'],
        })
        .expect(201);
      expect(await caseOf(caseId)).toMatchObject({
        status: 'closed',
        closeReason: '42-day postpartum check',
      });
    });

    it('closes by the nightly job on day 56 after the end of pregnancy, not on day 55, audited', async () => {
      const day56 = await deliveredOrangeCase(56);
      const day55 = await deliveredOrangeCase(55);
      const producer = t.app.get(RiskJobsProducer);
      const job = await producer.closeExpiredCases(today());
      const result = (await job.finished()) as { closed: number };
      expect(result.closed).toBeGreaterThanOrEqual(1);

      const closed = await caseOf(day56.caseId);
      expect(closed).toMatchObject({
        status: 'closed',
        closeReason: `closed automatically 56 days after the end of pregnancy (${addDays(today(), -56)}) without a 42-day check`,
      });
      expect(await caseOf(day55.caseId)).toMatchObject({ status: 'open', closeReason: null });
      const register1 = await t
        .http()
        .get('/high-risk-cases')
        .query({ pageSize: 100 })
        .set(as(home))
        .expect(200);
      const open = register1.body.items.map((c: { id: number }) => c.id);
      expect(open).toContain(day55.caseId);
      expect(open).not.toContain(day56.caseId);
      const trail = await auditTrail(t.dataSource, 'high_risk_case', day56.caseId);
      expect(trail[trail.length - 1]).toMatchObject({
        action: 'status_change',
        userId: null,
        after: expect.objectContaining({ status: 'closed' }),
      });

      // The same day again: the job id is the day, so nothing runs twice.
      const again = await producer.closeExpiredCases(today());
      expect(again.id).toBe(job.id);
    });
  });
});
