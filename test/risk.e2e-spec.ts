import { addDays } from '../src/core/time/calendar-date';
import { NATIONAL_FACTORS } from '../src/risk/rules/national-catalogue';
import { createStaffedFacility, createSystemAdmin, Staff } from './factories/people.factory';
import { registrationPayload, residentId, today } from './factories/registration.factory';
import { auditTrail } from './utils/audit-trail';
import { bearer, loginWith } from './utils/auth';
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
          expect.objectContaining({
            code: 'HBSAG_POSITIVE',
            colour: null,
            purple: true,
            origin: 'derived',
          }),
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

    it('gives RED 24 hours from the grading; one entered a day later runs from the start of its day', async () => {
      const gradedNow = await register({ pregnancy: { registrationDate: addDays(today(), -3) } });
      await assess(gradedNow.id, {
        kind: 'registration_screening',
        factorCodes: ['PERNICIOUS_PLACENTA_PRAEVIA'],
      }).expect(201);
      const report = await reportFor(gradedNow.id, 'due');
      expect(report).toMatchObject({ colour: 'red', state: 'due' });
      expect(Date.parse(report.dueAt) - Date.parse(report.gradedAt)).toBe(24 * 3_600_000);

      const yesterday = addDays(today(), -1);
      const overdue = await register({ pregnancy: { registrationDate: addDays(today(), -3) } });
      await assess(overdue.id, {
        kind: 'registration_screening',
        factorCodes: ['PERNICIOUS_PLACENTA_PRAEVIA'],
        assessedOn: yesterday,
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
        assessedOn: addDays(today(), -3),
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
});
