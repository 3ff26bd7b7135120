import type { FacilityRole as Role } from '../../src/core/auth/actor';
import type { CasePage } from '../../src/indicators/indicator-values.service';
import { addDays } from '../../src/core/time/calendar-date';
import { deliveryPayload, tenOClockOn } from '../factories/delivery.factory';
import { createStaffedFacility, Staff } from '../factories/people.factory';
import { registrationPayload, today } from '../factories/registration.factory';
import { bearer, loginWith } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

interface AuditRow {
  user_id: number;
  facility_id: number;
  entity_id: string;
  after: Record<string, unknown>;
}

/**
 * HIV, syphilis and hepatitis B results (issue 12, item 5): read by the facility's nurses and MCH
 * staff only, each read audited as view_sensitive; statisticians and admins get 403, or the
 * record without what states a result; the PMTCT indicators' cases reach statisticians as
 * numbered rows with nothing but the fields the indicator decides on.
 */
describe('sensitive results', () => {
  let t: TestApp;
  let home: Staff;
  let other: Staff;
  let pregnancyId: number;
  let womanName: string;
  let womanPhone: string;
  let newbornId: number;
  let testIds: number[];
  const period = today().slice(0, 7);

  const as = (role: Role, staff = home) => bearer(staff.tokens[role]);

  const sensitiveReads = async (entity: string, entityId: string | number) =>
    (
      await t.dataSource.query<AuditRow[]>(
        `SELECT user_id, facility_id, entity_id, \`after\` FROM audit_entry
         WHERE entity = ? AND entity_id = ? AND action = 'view_sensitive' ORDER BY id`,
        [entity, String(entityId)],
      )
    ).map((row) => ({
      ...row,
      after:
        typeof row.after === 'string' ? (JSON.parse(row.after) as AuditRow['after']) : row.after,
    }));

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    other = await createStaffedFacility(t.dataSource, loginWith(t));

    // A woman at term, confirmed HIV-positive ten days ago (PURPLE), delivered today; her baby is
    // fed formula for that reason and followed as an exposed baby.
    const payload = registrationPayload({
      pregnancy: { lmp: addDays(today(), -260), registrationDate: addDays(today(), -100) },
    });
    const registered = await t
      .http()
      .post('/registrations')
      .set(as('nurse'))
      .send(payload)
      .expect(201);
    pregnancyId = registered.body.pregnancy.id;
    womanName = payload.woman.name as string;
    womanPhone = payload.woman.phone as string;
    const sampleDate = addDays(today(), -10);
    testIds = [];
    for (const kind of ['screening', 'confirmatory']) {
      const { body } = await t
        .http()
        .post(`/pregnancies/${pregnancyId}/pmtct-tests`)
        .set(as('nurse'))
        .send({
          disease: 'hiv',
          kind,
          setting: 'antenatal',
          sampleDate,
          result: 'positive',
          resultDate: sampleDate,
        })
        .expect(201);
      testIds.push(body.id as number);
    }
    const bornAt = tenOClockOn(today());
    const delivery = await t
      .http()
      .post(`/pregnancies/${pregnancyId}/delivery`)
      .set(as('nurse'))
      .send(deliveryPayload(bornAt))
      .expect(201);
    newbornId = delivery.body.newborns[0].id;
    await t
      .http()
      .post(`/newborns/${newbornId}/contraindications`)
      .set(as('nurse'))
      .send({
        kind: 'maternal_hiv_replacement_feeding',
        decidedBy: '儿科 王医生',
        decidedOn: today(),
      })
      .expect(201);
    // The delivery of an HIV-positive mother made the baby's exposed-infant record itself.
  });

  afterAll(() => t.close());

  describe('the PMTCT record of a pregnancy', () => {
    it.each(['nurse', 'mch_staff'] as const)(
      'is read by a %s, and the read is audited with what it showed',
      async (role) => {
        const before = await sensitiveReads('pregnancy', pregnancyId);
        const { body } = await t
          .http()
          .get(`/pregnancies/${pregnancyId}/pmtct`)
          .set(as(role))
          .expect(200);
        expect(body.diseases).toContainEqual(
          expect.objectContaining({ disease: 'hiv', status: 'confirmed_positive' }),
        );
        expect(body.tests.map((test: { id: number }) => test.id)).toEqual(testIds);
        expect(body.infants).toHaveLength(1);

        const reads = await sensitiveReads('pregnancy', pregnancyId);
        expect(reads).toHaveLength(before.length + 1);
        expect(reads.at(-1)).toMatchObject({
          user_id: home.users[role].id,
          facility_id: home.facility.id,
          after: { view: 'pmtct', tests: testIds, infants: [body.infants[0].id] },
        });
      },
    );

    it.each(['statistician', 'admin'] as const)(
      'is refused to a %s (403), and nothing was read',
      async (role) => {
        const before = await sensitiveReads('pregnancy', pregnancyId);
        const { body } = await t
          .http()
          .get(`/pregnancies/${pregnancyId}/pmtct`)
          .set(as(role))
          .expect(403);
        expect(body).toMatchObject({ code: 'FORBIDDEN_ROLE' });
        expect(JSON.stringify(body)).not.toContain('positive');
        expect(await sensitiveReads('pregnancy', pregnancyId)).toHaveLength(before.length);
      },
    );

    it("is not found for another facility's nurse (404)", async () => {
      await t.http().get(`/pregnancies/${pregnancyId}/pmtct`).set(as('nurse', other)).expect(404);
    });
  });

  it('PMTCT worklists: clinical roles only, each read audited with the records listed', async () => {
    const { body } = await t
      .http()
      .get('/worklists/pmtct')
      .query({ list: 'untreated', pageSize: 100 })
      .set(as('mch_staff'))
      .expect(200);
    expect(body.items.map((item: { pregnancyId: number }) => item.pregnancyId)).toContain(
      pregnancyId,
    );
    const reads = await t.dataSource.query<AuditRow[]>(
      `SELECT user_id, facility_id, entity_id, \`after\` FROM audit_entry
       WHERE entity = 'pmtct_worklist' AND action = 'view_sensitive' AND user_id = ?`,
      [home.users.mch_staff.id],
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ entity_id: 'untreated', facility_id: home.facility.id });
    expect(JSON.stringify(reads[0].after)).toContain(String(pregnancyId));
    for (const role of ['statistician', 'admin'] as const) {
      await t.http().get('/worklists/pmtct').query({ list: 'untreated' }).set(as(role)).expect(403);
    }
  });

  it('risk gradings: the HIV factor for clinical roles (audited), the colour alone for others', async () => {
    const codes = (body: Array<{ factors: Array<{ code: string }> }>) =>
      body.flatMap((assessment) => assessment.factors.map((factor) => factor.code));
    const forStatistician = await t
      .http()
      .get(`/pregnancies/${pregnancyId}/risk-assessments`)
      .set(as('statistician'))
      .expect(200);
    expect(forStatistician.body[0]).toMatchObject({ purple: true });
    expect(codes(forStatistician.body)).not.toContain('HIV_POSITIVE');
    expect(JSON.stringify(forStatistician.body)).not.toContain('pmtct_test');

    const before = await sensitiveReads('pregnancy', pregnancyId);
    const forNurse = await t
      .http()
      .get(`/pregnancies/${pregnancyId}/risk-assessments`)
      .set(as('nurse'))
      .expect(200);
    expect(codes(forNurse.body)).toContain('HIV_POSITIVE');
    const reads = await sensitiveReads('pregnancy', pregnancyId);
    expect(reads.slice(before.length)).toEqual([
      expect.objectContaining({
        user_id: home.users.nurse.id,
        after: expect.objectContaining({ view: 'risk_assessments' }),
      }),
    ]);
  });

  it("a newborn's HIV feeding contraindication: shown to clinical roles (audited), 'withheld' to others", async () => {
    const contraindications = (body: { feedingFlags: { contraindications: string[] } }) =>
      body.feedingFlags.contraindications;
    const forAdmin = await t.http().get(`/newborns/${newbornId}`).set(as('admin')).expect(200);
    expect(contraindications(forAdmin.body)).toEqual(['withheld']);
    const delivery = await t
      .http()
      .get(`/pregnancies/${pregnancyId}/delivery`)
      .set(as('statistician'))
      .expect(200);
    expect(contraindications(delivery.body.newborns[0])).toEqual(['withheld']);
    expect(await sensitiveReads('newborn', newbornId)).toEqual([]);

    const forNurse = await t.http().get(`/newborns/${newbornId}`).set(as('nurse')).expect(200);
    expect(contraindications(forNurse.body)).toEqual(['maternal_hiv_replacement_feeding']);
    expect(await sensitiveReads('newborn', newbornId)).toEqual([
      expect.objectContaining({ user_id: home.users.nurse.id, facility_id: home.facility.id }),
    ]);
  });

  it('the audit trail shows admins which fields of a test changed, not the result', async () => {
    const list = async (role: Role) =>
      (
        await t
          .http()
          .get('/audit-entries')
          .query({ entity: 'pmtct_test', entityId: String(testIds[1]) })
          .set(as(role))
          .expect(200)
      ).body.items as Array<{ action: string; after: Record<string, unknown> }>;
    const forStaff = await list('mch_staff');
    expect(forStaff[0].after).toMatchObject({ disease: 'hiv', result: 'positive' });
    const forAdmin = await list('admin');
    expect(forAdmin[0]).toMatchObject({ action: 'create' });
    expect(forAdmin[0].after).toMatchObject({ disease: '[withheld]', result: '[withheld]' });
    expect(JSON.stringify(forAdmin)).not.toContain('positive');
  });

  describe('PMTCT indicator cases', () => {
    const drill = async (role: Role, code = 'PM-06', caseRole = 'denominator') => {
      const response = await t
        .http()
        .get(`/indicator-values/${code}/cases`)
        .query({ period, role: caseRole, pageSize: 100 })
        .set(as(role))
        .expect(200);
      return response.body as CasePage;
    };

    it('reach a statistician as numbered rows, no identity, only the deciding fields', async () => {
      const body = await drill('statistician');
      expect(body.total).toBe(1);
      // PM-06 (ART among HIV-positive mothers) decides on these two and the delivery day only.
      expect(Object.keys(body.fieldLabels)).toEqual(['hiv_positive', 'art_started_on']);
      body.items.forEach((item, index) => {
        expect(item).toEqual({
          caseId: `#${index + 1}`,
          womanId: null,
          womanName: null,
          pregnancyId: null,
          newbornId: null,
          attributedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          fields: { hiv_positive: 1, art_started_on: null },
          failedCriterion: null,
        });
      });
      const text = JSON.stringify(body);
      for (const secret of [womanName, womanPhone, 'syphilis', 'hbsag']) {
        expect(text).not.toContain(secret);
      }
      const reads = await sensitiveReads('indicator_value', `PM-06:${period}`);
      expect(reads.at(-1)).toMatchObject({
        user_id: home.users.statistician.id,
        after: expect.objectContaining({ pseudonymous: true, listed: body.items.length }),
      });
    });

    it('reach MCH staff in full, audited with the cases listed', async () => {
      const body = await drill('mch_staff');
      const mine = body.items.find((item) => item.pregnancyId === pregnancyId);
      expect(mine).toMatchObject({ womanName, fields: { hiv_positive: 1 } });
      expect(mine!.fields).toHaveProperty('syphilis_tested');
      const reads = await sensitiveReads('indicator_value', `PM-06:${period}`);
      expect(reads.at(-1)).toMatchObject({
        user_id: home.users.mch_staff.id,
        after: expect.objectContaining({
          pseudonymous: false,
          cases: expect.arrayContaining([mine!.caseId]),
        }),
      });
    });

    it('withhold an HIV feeding contraindication from statisticians in breastfeeding cases', async () => {
      // The baby is set aside from BF-02 for the contraindication: it is among the excluded.
      const contraindication = async (role: Role) =>
        (await drill(role, 'BF-02', 'excluded')).items.find((item) => item.newbornId === newbornId)
          ?.fields.contraindication;
      expect(await contraindication('mch_staff')).toBe('maternal_hiv_replacement_feeding');
      expect(await contraindication('statistician')).toBe('withheld');
    });
  });
});
