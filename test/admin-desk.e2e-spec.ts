import { INDICATORS } from '../src/indicators/definitions';
import { User } from '../src/core/users/user.entity';
import {
  createStaffedFacility,
  createSystemAdmin,
  Staff,
  TEST_PASSWORD,
} from './factories/people.factory';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * What the administration pages call (issue 17 part 5): a facility's visit schedule and indicator
 * targets by facility, a facility admin its own only, a system admin any; a deactivated user
 * reactivated.
 */
describe('administration: schedule, targets and users by facility', () => {
  let t: TestApp;
  let a: Staff;
  let b: Staff;
  let systemAdmin: { user: User; token: string };

  beforeAll(async () => {
    t = await createTestApp();
    a = await createStaffedFacility(t.dataSource, loginWith(t));
    b = await createStaffedFacility(t.dataSource, loginWith(t));
    systemAdmin = await createSystemAdmin(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  const adminOfA = () => bearer(a.tokens.admin);
  const asSystemAdmin = () => bearer(systemAdmin.token);
  const denser = [
    { code: 'V1', label: '孕6-13周', startDay: 42, endDay: 90 },
    { code: 'V2', label: '孕14-19周', startDay: 98, endDay: 139 },
    { code: 'V3', label: '孕20-24周', startDay: 140, endDay: 174 },
  ];

  describe("a facility's visit schedule", () => {
    it('is read by its admin (the national minimum until it has its own); a nurse gets 403', async () => {
      const { body } = await t
        .http()
        .get(`/facilities/${a.facility.id}/visit-schedule`)
        .set(adminOfA())
        .expect(200);
      expect(body.facilitySpecific).toBe(false);
      expect(body.windows.map((w: { code: string }) => w.code)).toEqual([
        'ANC1',
        'ANC2',
        'ANC3',
        'ANC4',
        'ANC5',
      ]);
      await t
        .http()
        .get(`/facilities/${a.facility.id}/visit-schedule`)
        .set(bearer(a.tokens.nurse))
        .expect(403);
    });

    it('puts each problem on the field of the window to correct, and changes nothing', async () => {
      const cases: [unknown[], string, string][] = [
        // Ends before it starts: the end is what she corrects.
        [[{ ...denser[0], startDay: 90, endDay: 89 }], 'windows[0].endDay', 'startNotAfterEnd'],
        // Starting on the last day of the window before overlaps it; a day later would not.
        [[denser[0], { ...denser[1], startDay: 90 }], 'windows[1].startDay', 'noOverlap'],
        [[denser[0], { ...denser[1], code: 'V1' }], 'windows[1].code', 'unique'],
        [[{ ...denser[0], endDay: 301 }], 'windows[0].endDay', 'max'],
        [[{ ...denser[0], startDay: -1 }], 'windows[0].startDay', 'min'],
      ];
      for (const [windows, field, rule] of cases) {
        const { body } = await t
          .http()
          .put(`/facilities/${a.facility.id}/visit-schedule`)
          .set(adminOfA())
          .send({ windows })
          .expect(400);
        expect(body.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ field, rule })]),
        );
      }
      await t
        .http()
        .put(`/facilities/${a.facility.id}/visit-schedule`)
        .set(adminOfA())
        .send({ windows: [denser[0], { ...denser[1], startDay: 91 }] })
        .expect(200);
      const { body } = await t.http().get('/visit-schedule').set(bearer(a.tokens.nurse));
      expect(body.windows.map((w: { startDay: number }) => w.startDay)).toEqual([42, 91]);
    });

    it('is replaced by a system admin for any facility, audited; [] reverts to the national one', async () => {
      const { body } = await t
        .http()
        .put(`/facilities/${b.facility.id}/visit-schedule`)
        .set(asSystemAdmin())
        .send({ windows: denser })
        .expect(200);
      expect(body).toEqual({ facilitySpecific: true, windows: denser });
      const seen = await t.http().get('/visit-schedule').set(bearer(b.tokens.nurse)).expect(200);
      expect(seen.body).toEqual(body);
      const [audit] = await t.dataSource.query(
        `SELECT user_id, facility_id FROM audit_entry
          WHERE entity = 'visit_schedule' AND entity_id = ? ORDER BY id DESC LIMIT 1`,
        [String(b.facility.id)],
      );
      expect(audit).toMatchObject({ user_id: systemAdmin.user.id, facility_id: b.facility.id });

      await t
        .http()
        .put(`/facilities/${b.facility.id}/visit-schedule`)
        .set(asSystemAdmin())
        .send({ windows: [] })
        .expect(200);
      const reverted = await t
        .http()
        .get(`/facilities/${b.facility.id}/visit-schedule`)
        .set(asSystemAdmin())
        .expect(200);
      expect(reverted.body.facilitySpecific).toBe(false);
    });

    it('answers a facility that does not exist with 404', async () => {
      const { body } = await t
        .http()
        .get('/facilities/2147483000/visit-schedule')
        .set(asSystemAdmin())
        .expect(404);
      expect(body.code).toBe('FACILITY_NOT_FOUND');
    });
  });

  describe("a facility's indicator targets", () => {
    const percent = INDICATORS.find((i) => i.unit === 'percent' && i.target !== null)!;

    it('lists every indicator with its Chinese name, the national target and its own', async () => {
      const { body } = await t
        .http()
        .get(`/facilities/${a.facility.id}/indicator-targets`)
        .set(adminOfA())
        .expect(200);
      expect(body).toHaveLength(INDICATORS.length);
      expect(body.find((row: { code: string }) => row.code === percent.code)).toEqual({
        code: percent.code,
        nameZh: percent.nameZh,
        nameEn: percent.nameEn,
        group: percent.group,
        unit: 'percent',
        national: percent.target,
        own: null,
        ownSetAt: null,
      });
    });

    it('sets its own (100 % is allowed, 100.01 % is not), then drops it for the national one', async () => {
      const put = (value: number) =>
        t
          .http()
          .put(`/indicators/${percent.code}/targets/${a.facility.id}`)
          .set(adminOfA())
          .send({ direction: 'at_least', value });
      const refused = await put(100.01).expect(400);
      expect(refused.body.details).toEqual([
        expect.objectContaining({ field: 'value', rule: 'max' }),
      ]);
      await put(-1).expect(400);
      await put(100).expect(200);
      await put(95).expect(200);
      const targets = async () =>
        (
          await t
            .http()
            .get(`/facilities/${a.facility.id}/indicator-targets`)
            .set(adminOfA())
            .expect(200)
        ).body.find((row: { code: string }) => row.code === percent.code);
      expect(await targets()).toMatchObject({
        own: { direction: 'at_least', value: 95 },
        ownSetAt: expect.any(String),
      });

      await t
        .http()
        .delete(`/indicators/${percent.code}/targets/${a.facility.id}`)
        .set(adminOfA())
        .expect(204);
      expect(await targets()).toMatchObject({ own: null, national: percent.target });
      const [audit] = await t.dataSource.query(
        `SELECT action FROM audit_entry
          WHERE entity = 'indicator_target' AND entity_id = ? ORDER BY id DESC LIMIT 1`,
        [`${a.facility.id}:${percent.code}`],
      );
      expect(audit.action).toBe('delete');
      // Dropping a target that is not there changes nothing and says so the same way.
      await t
        .http()
        .delete(`/indicators/${percent.code}/targets/${a.facility.id}`)
        .set(adminOfA())
        .expect(204);
    });

    it("answers another facility's targets with 404 for a facility admin, not for a system admin", async () => {
      for (const call of [
        t.http().get(`/facilities/${b.facility.id}/indicator-targets`),
        t.http().delete(`/indicators/${percent.code}/targets/${b.facility.id}`),
      ]) {
        const { body } = await call.set(adminOfA()).expect(404);
        expect(body.code).toBe('FACILITY_NOT_FOUND');
      }
      await t
        .http()
        .put(`/indicators/${percent.code}/targets/${b.facility.id}`)
        .set(asSystemAdmin())
        .send({ direction: 'at_least', value: 85 })
        .expect(200);
      const { body } = await t
        .http()
        .get(`/facilities/${b.facility.id}/indicator-targets`)
        .set(asSystemAdmin())
        .expect(200);
      expect(body.find((row: { code: string }) => row.code === percent.code).own).toEqual({
        direction: 'at_least',
        value: 85,
      });
      await t
        .http()
        .get(`/facilities/${a.facility.id}/indicator-targets`)
        .set(bearer(a.tokens.statistician))
        .expect(403);
    });

    it('refuses an indicator that does not exist with 404', async () => {
      const { body } = await t
        .http()
        .delete(`/indicators/NOPE-99/targets/${a.facility.id}`)
        .set(adminOfA())
        .expect(404);
      expect(body.code).toBe('INDICATOR_NOT_FOUND');
    });
  });

  describe('a user deactivated and reactivated', () => {
    it('is refused at once, cannot log in, and logs in again once reactivated', async () => {
      const nurse = a.users.nurse;
      const token = a.tokens.nurse;
      const { body: user } = await t.http().get(`/users/${nurse.id}`).set(adminOfA()).expect(200);
      const { body: deactivated } = await t
        .http()
        .patch(`/users/${nurse.id}`)
        .set(adminOfA())
        .send({ version: user.version, active: false })
        .expect(200);
      await t.http().get('/auth/me').set(bearer(token)).expect(401);
      await t
        .http()
        .post('/auth/login')
        .send({ username: nurse.username, password: TEST_PASSWORD })
        .expect(401);

      await t
        .http()
        .patch(`/users/${nurse.id}`)
        .set(adminOfA())
        .send({ version: deactivated.version, active: true })
        .expect(200);
      const fresh = await loginWith(t)(nurse.username);
      await t.http().get('/auth/me').set(bearer(fresh)).expect(200);
      // The old session stays ended: reactivation starts no session of its own.
      await t.http().get('/auth/me').set(bearer(token)).expect(401);
    });
  });
});
