import { addDays } from '../src/core/time/calendar-date';
import { createStaffedFacility, createUser, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { bearer, loginWith } from './utils/auth';
import { joinEpisode } from './utils/episodes';
import { createTestApp, TestApp } from './utils/test-app';

/** `GET /pregnancies/{id}/high-risk-cases`: the record's way to her 专案, open and closed. */
describe('a pregnancy’s high-risk cases', () => {
  let t: TestApp;
  let home: Staff;
  let examining: Staff;
  let stranger: Staff;

  const as = (staff: Staff) => bearer(staff.tokens.nurse);
  const casesOf = (pregnancyId: number, staff = home) =>
    t.http().get(`/pregnancies/${pregnancyId}/high-risk-cases`).set(as(staff));
  const assess = (pregnancyId: number, factorCodes: string[], assessedOn = today()) =>
    t
      .http()
      .post(`/pregnancies/${pregnancyId}/risk-assessments`)
      .set(as(home))
      .send({ kind: 'visit', factorCodes, assessedOn })
      .expect(201);

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    examining = await createStaffedFacility(t.dataSource, loginWith(t));
    stranger = await createStaffedFacility(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  it('lists her case for the managing facility once ORANGE opens one, not for YELLOW', async () => {
    const payload = registrationPayload({
      pregnancy: { lmp: addDays(today(), -200), registrationDate: addDays(today(), -60) },
    });
    const { body } = await t.http().post('/registrations').set(as(home)).send(payload).expect(201);
    const pregnancyId = body.pregnancy.id as number;
    expect((await casesOf(pregnancyId).expect(200)).body).toEqual([]);

    await assess(pregnancyId, ['RH_NEGATIVE'], addDays(today(), -30));
    expect((await casesOf(pregnancyId).expect(200)).body).toEqual([]);

    await assess(pregnancyId, ['SEVERE_PRE_ECLAMPSIA'], addDays(today(), -20));
    const listed = (await casesOf(pregnancyId).expect(200)).body;
    expect(listed).toEqual([
      expect.objectContaining({
        pregnancyId,
        status: 'open',
        colour: 'orange',
        name: payload.woman.name,
        version: expect.any(Number),
      }),
    ]);
    const detail = await t.http().get(`/high-risk-cases/${listed[0].id}`).set(as(home));
    expect(detail.status).toBe(200);

    // A facility outside her episode: not found, as her record itself and the case are.
    const refused = await casesOf(pregnancyId, stranger).expect(404);
    expect(refused.body.code).toBe('PREGNANCY_NOT_FOUND');
    const record = await t.http().get(`/pregnancies/${pregnancyId}`).set(as(stranger)).expect(404);
    expect(record.body.code).toBe(refused.body.code);
    await t.http().get(`/high-risk-cases/${listed[0].id}`).set(as(stranger)).expect(404);

    // A facility that examines her takes part, but the case is the manager's: it lists none,
    // as it may open none.
    await joinEpisode(t, examining, payload.woman).expect(200);
    expect((await casesOf(pregnancyId, examining).expect(200)).body).toEqual([]);
    await t.http().get(`/high-risk-cases/${listed[0].id}`).set(as(examining)).expect(404);
  });

  it('lists a closed case after the one opened when she came back, newest first', async () => {
    const { body } = await t
      .http()
      .post('/registrations')
      .set(as(home))
      .send(
        registrationPayload({
          pregnancy: { lmp: addDays(today(), -200), registrationDate: addDays(today(), -60) },
        }),
      )
      .expect(201);
    const pregnancyId = body.pregnancy.id as number;
    await assess(pregnancyId, ['SEVERE_PRE_ECLAMPSIA'], addDays(today(), -20));
    const [first] = (await casesOf(pregnancyId).expect(200)).body;

    const lost = await t
      .http()
      .post(`/pregnancies/${pregnancyId}/status`)
      .set(as(home))
      .send({
        version: body.pregnancy.version,
        status: 'lost_to_follow_up',
        effectiveDate: addDays(today(), -10),
        reason: '电话无法联系',
      })
      .expect(200);
    await t
      .http()
      .post(`/pregnancies/${pregnancyId}/reopen`)
      .set(as(home))
      .send({ version: lost.body.version, effectiveDate: today(), reason: '孕妇返回本院' })
      .expect(200);
    await assess(pregnancyId, ['PERNICIOUS_PLACENTA_PRAEVIA']);

    const listed = (await casesOf(pregnancyId).expect(200)).body;
    expect(listed).toEqual([
      expect.objectContaining({ status: 'open', colour: 'red' }),
      expect.objectContaining({ id: first.id, status: 'closed' }),
    ]);
  });

  it('names the facility’s active nurses and MCH doctors as clinicians a case may name, no one else', async () => {
    const retired = await createUser(t.dataSource, home.facility, 'mch_staff', { active: false });
    const { body } = await t.http().get('/clinicians').set(as(home)).expect(200);
    expect(body).toEqual(
      expect.arrayContaining([
        { id: home.users.nurse.id, displayName: home.users.nurse.displayName, role: 'nurse' },
        {
          id: home.users.mch_staff.id,
          displayName: home.users.mch_staff.displayName,
          role: 'mch_staff',
        },
      ]),
    );
    expect(body).toHaveLength(2);
    expect(body.map((c: { id: number }) => c.id)).not.toContain(retired.id);
    await t.http().get('/clinicians').set(bearer(home.tokens.statistician)).expect(403);

    const payload = registrationPayload();
    const registered = await t.http().post('/registrations').set(as(home)).send(payload);
    const pregnancyId = registered.body.pregnancy.id as number;
    await assess(pregnancyId, ['PERNICIOUS_PLACENTA_PRAEVIA']);
    const [open] = (await casesOf(pregnancyId).expect(200)).body;
    const name = (userId: number) =>
      t
        .http()
        .patch(`/high-risk-cases/${open.id}`)
        .set(as(home))
        .send({ version: open.version, responsibleClinicianId: userId });
    for (const userId of [home.users.statistician.id, examining.users.nurse.id, retired.id]) {
      const refused = await name(userId).expect(400);
      expect(refused.body.code).toBe('CLINICIAN_NOT_FOUND');
    }
    const named = await name(home.users.mch_staff.id).expect(200);
    expect(named.body.responsibleClinicianId).toBe(home.users.mch_staff.id);
  });

  it('refuses id 0, and answers a pregnancy that does not exist as not found', async () => {
    await casesOf(0).expect(400);
    const missing = await casesOf(2_000_000_000).expect(404);
    expect(missing.body.code).toBe('PREGNANCY_NOT_FOUND');
  });
});
