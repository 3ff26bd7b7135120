import { randomUUID } from 'node:crypto';
import { INDICATORS } from '../../src/indicators/definitions';
import { NATIONAL_FACTORS } from '../../src/risk/rules/national-catalogue';
import { User } from '../../src/core/users/user.entity';
import {
  createStaffedFacility,
  createSystemAdmin,
  createUser,
  Staff,
} from '../factories/people.factory';
import { registrationPayload } from '../factories/registration.factory';
import { bearer, loginWith } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * A facility admin manages its own facility; another facility's users, record and targets answer
 * 404 like every other record. A system admin manages every facility and reads no patient record.
 */
describe('security: facility admins and system admins', () => {
  let t: TestApp;
  let a: Staff;
  let b: Staff;
  let systemAdmin: { user: User; token: string };
  let pregnancyOfB: number;
  let womanOfB: number;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createStaffedFacility(t.dataSource, loginWith(t));
    b = await createStaffedFacility(t.dataSource, loginWith(t));
    systemAdmin = await createSystemAdmin(t.dataSource, loginWith(t));
    const { body } = await t
      .http()
      .post('/registrations')
      .set(bearer(b.tokens.nurse))
      .send(registrationPayload())
      .expect(201);
    pregnancyOfB = body.pregnancy.id;
    womanOfB = body.woman.id;
  });

  afterAll(() => t.close());

  const adminOfA = () => bearer(a.tokens.admin);
  const asSystemAdmin = () => bearer(systemAdmin.token);
  const newUser = (facilityId: number, role = 'nurse') => ({
    username: `user.${randomUUID().slice(0, 8)}`,
    displayName: '新同事',
    role,
    facilityId,
    password: 'A-Long-Password-2026',
  });

  describe("a facility admin and another facility's users", () => {
    it('lists only its own facility, never a system admin', async () => {
      const systemAdminInA = await createUser(t.dataSource, a.facility, 'system_admin');
      const { body } = await t.http().get('/users?pageSize=100').set(adminOfA()).expect(200);
      const ids = body.items.map((user: { id: number }) => user.id);
      expect(ids).toEqual(expect.arrayContaining(Object.values(a.users).map((user) => user.id)));
      expect(body.items.every((user: { facilityId: number }) => user.facilityId === a.facility.id));
      expect(ids).not.toContain(b.users.nurse.id);
      expect(ids).not.toContain(systemAdminInA.id);
      const filtered = await t
        .http()
        .get(`/users?facilityId=${b.facility.id}`)
        .set(adminOfA())
        .expect(200);
      expect(filtered.body).toMatchObject({ items: [], total: 0 });
    });

    it.each([
      ['GET', (id: number) => `/users/${id}`],
      ['PATCH', (id: number) => `/users/${id}`],
      ['DELETE', (id: number) => `/users/${id}/sessions`],
    ] as const)('answers %s of a user of another facility with 404', async (method, path) => {
      const target = b.users.nurse.id;
      const call =
        method === 'GET'
          ? t.http().get(path(target))
          : method === 'PATCH'
            ? t.http().patch(path(target)).send({ version: 1, active: false })
            : t.http().delete(path(target));
      const { body } = await call.set(adminOfA()).expect(404);
      expect(body).toMatchObject({ statusCode: 404, code: 'USER_NOT_FOUND', details: [] });
      await t.http().get('/auth/me').set(bearer(b.tokens.nurse)).expect(200);
    });

    it('answers a system admin of its own facility with 404 too', async () => {
      const systemAdminInA = await createUser(t.dataSource, a.facility, 'system_admin');
      await t.http().get(`/users/${systemAdminInA.id}`).set(adminOfA()).expect(404);
      await t
        .http()
        .patch(`/users/${systemAdminInA.id}`)
        .set(adminOfA())
        .send({ version: systemAdminInA.version, password: 'Taken-Over-2026' })
        .expect(404);
    });

    it('cannot create a user in another facility (404 naming facilityId)', async () => {
      const { body } = await t
        .http()
        .post('/users')
        .set(adminOfA())
        .send(newUser(b.facility.id))
        .expect(404);
      expect(body).toMatchObject({
        code: 'FACILITY_NOT_FOUND',
        details: [expect.objectContaining({ field: 'facilityId' })],
      });
      await t.http().post('/users').set(adminOfA()).send(newUser(a.facility.id)).expect(201);
    });

    it('cannot move its user to another facility', async () => {
      const user = await createUser(t.dataSource, a.facility, 'nurse');
      const { body } = await t
        .http()
        .patch(`/users/${user.id}`)
        .set(adminOfA())
        .send({ version: user.version, facilityId: b.facility.id })
        .expect(404);
      expect(body).toMatchObject({
        code: 'FACILITY_NOT_FOUND',
        details: [expect.objectContaining({ field: 'facilityId' })],
      });
    });

    it('cannot create or promote a system admin (403)', async () => {
      const created = await t
        .http()
        .post('/users')
        .set(adminOfA())
        .send(newUser(a.facility.id, 'system_admin'))
        .expect(403);
      expect(created.body).toMatchObject({
        code: 'FORBIDDEN_ROLE',
        details: [expect.objectContaining({ field: 'role' })],
      });
      const user = await createUser(t.dataSource, a.facility, 'nurse');
      const promoted = await t
        .http()
        .patch(`/users/${user.id}`)
        .set(adminOfA())
        .send({ version: user.version, role: 'system_admin' })
        .expect(403);
      expect(promoted.body.code).toBe('FORBIDDEN_ROLE');
      await t
        .http()
        .patch(`/users/${user.id}`)
        .set(adminOfA())
        .send({ version: user.version, role: 'mch_staff' })
        .expect(200);
    });
  });

  describe("a facility admin and another facility's record, targets and schedule", () => {
    it('changes its own facility, and answers another with 404', async () => {
      const own = await t.http().get(`/facilities/${a.facility.id}`).set(adminOfA()).expect(200);
      await t
        .http()
        .patch(`/facilities/${a.facility.id}`)
        .set(adminOfA())
        .send({ version: own.body.version, name: '甲医院' })
        .expect(200);
      const other = await t.http().get(`/facilities/${b.facility.id}`).set(adminOfA()).expect(200);
      const { body } = await t
        .http()
        .patch(`/facilities/${b.facility.id}`)
        .set(adminOfA())
        .send({ version: other.body.version, name: '乙医院被改' })
        .expect(404);
      expect(body.code).toBe('FACILITY_NOT_FOUND');
      await t.http().post('/facilities').set(adminOfA()).send({}).expect(403);
    });

    it("sets its own facility's indicator targets, and answers another's with 404", async () => {
      const code = INDICATORS.find((i) => i.target?.direction === 'at_least')!.code;
      await t
        .http()
        .put(`/indicators/${code}/targets/${a.facility.id}`)
        .set(adminOfA())
        .send({ direction: 'at_least', value: 0.5 })
        .expect(200);
      const { body } = await t
        .http()
        .put(`/indicators/${code}/targets/${b.facility.id}`)
        .set(adminOfA())
        .send({ direction: 'at_least', value: 0.1 })
        .expect(404);
      expect(body.code).toBe('FACILITY_NOT_FOUND');
      const [row] = await t.dataSource.query(
        'SELECT COUNT(*) AS n FROM indicator_target WHERE facility_id = ?',
        [b.facility.id],
      );
      expect(Number(row.n)).toBe(0);
    });

    it("reads its own facility's indicators and a region's sums; another facility's answer 404", async () => {
      const period = '2026-03';
      await t
        .http()
        .get(`/indicator-values?period=${period}&facilityId=${a.facility.id}`)
        .set(adminOfA())
        .expect(200);
      await t
        .http()
        .get(`/indicator-values?period=${period}&regionCode=${a.facility.regionCode}`)
        .set(adminOfA())
        .expect(200);
      const reads = [
        `/indicator-values?period=${period}&facilityId=${b.facility.id}`,
        `/indicator-values/range?period=2026-01&to=${period}&facilityId=${b.facility.id}`,
        `/indicator-periods?period=${period}&facilityId=${b.facility.id}`,
        `/indicator-periods/overview?period=${period}&facilityId=${b.facility.id}`,
        `/indicator-export-records?period=${period}&facilityId=${b.facility.id}`,
      ];
      for (const path of reads) {
        const { body } = await t.http().get(path).set(adminOfA()).expect(404);
        expect(body.code).toBe('FACILITY_NOT_FOUND');
      }
      const computation = await t
        .http()
        .post('/indicator-computations')
        .set(adminOfA())
        .send({ period, facilityId: b.facility.id })
        .expect(404);
      expect(computation.body.code).toBe('FACILITY_NOT_FOUND');
      const exported = await t
        .http()
        .post('/indicator-exports')
        .set(adminOfA())
        .send({ period, facilityId: b.facility.id, format: 'csv' })
        .expect(404);
      expect(exported.body.code).toBe('FACILITY_NOT_FOUND');
    });

    it("replaces its own facility's visit schedule only; another's answers 404", async () => {
      const before = await t.http().get('/visit-schedule').set(bearer(b.tokens.nurse)).expect(200);
      const denser = [
        { code: 'V1', label: '孕6-13周', startDay: 42, endDay: 90 },
        { code: 'V2', label: '孕14-19周', startDay: 98, endDay: 139 },
      ];
      await t.http().put('/visit-schedule').set(adminOfA()).send({ windows: denser }).expect(200);
      const ownSeen = await t.http().get('/visit-schedule').set(bearer(a.tokens.nurse)).expect(200);
      expect(ownSeen.body).toMatchObject({ facilitySpecific: true, windows: denser });
      const otherSeen = await t
        .http()
        .get('/visit-schedule')
        .set(bearer(b.tokens.nurse))
        .expect(200);
      expect(otherSeen.body).toEqual(before.body);
      expect(otherSeen.body.facilitySpecific).toBe(false);
      // A facilityId smuggled into the body is refused, not obeyed.
      await t
        .http()
        .put('/visit-schedule')
        .set(adminOfA())
        .send({ facilityId: b.facility.id, windows: [] })
        .expect(400);
      for (const call of [
        t.http().get(`/facilities/${b.facility.id}/visit-schedule`),
        t.http().put(`/facilities/${b.facility.id}/visit-schedule`).send({ windows: denser }),
      ]) {
        const { body } = await call.set(adminOfA()).expect(404);
        expect(body.code).toBe('FACILITY_NOT_FOUND');
      }
      const unchanged = await t.http().get('/visit-schedule').set(bearer(b.tokens.nurse));
      expect(unchanged.body).toEqual(before.body);
    });

    it('cannot add catalogues shared by every facility (403)', async () => {
      await t
        .http()
        .post('/risk-catalogues')
        .set(adminOfA())
        .send({ version: 'X-1', province: '33', name: 'x', factors: NATIONAL_FACTORS })
        .expect(403);
      await t
        .http()
        .post('/class-topics')
        .set(adminOfA())
        .send({ code: 'x_topic', nameZh: 'x', nameEn: 'x', breastfeeding: false })
        .expect(403);
    });
  });

  describe('a system admin', () => {
    it('creates and changes facilities', async () => {
      const code = `S-${randomUUID().slice(0, 8)}`;
      const created = await t
        .http()
        .post('/facilities')
        .set(asSystemAdmin())
        .send({ code, name: '新医院', level: 2, regionCode: '110108' })
        .expect(201);
      await t
        .http()
        .patch(`/facilities/${created.body.id}`)
        .set(asSystemAdmin())
        .send({ version: created.body.version, name: '新医院（改）' })
        .expect(200);
      const b2 = await t.http().get(`/facilities/${b.facility.id}`).set(asSystemAdmin());
      await t
        .http()
        .patch(`/facilities/${b.facility.id}`)
        .set(asSystemAdmin())
        .send({ version: b2.body.version, name: '乙医院' })
        .expect(200);
    });

    it('manages the users of any facility, system admins included', async () => {
      const list = await t
        .http()
        .get(`/users?facilityId=${b.facility.id}`)
        .set(asSystemAdmin())
        .expect(200);
      expect(list.body.items.map((user: { id: number }) => user.id)).toContain(b.users.nurse.id);
      const created = await t
        .http()
        .post('/users')
        .set(asSystemAdmin())
        .send(newUser(b.facility.id, 'admin'))
        .expect(201);
      await t
        .http()
        .patch(`/users/${created.body.id}`)
        .set(asSystemAdmin())
        .send({ version: created.body.version, facilityId: a.facility.id })
        .expect(200);
      await t
        .http()
        .post('/users')
        .set(asSystemAdmin())
        .send(newUser(a.facility.id, 'system_admin'))
        .expect(201);
      await t
        .http()
        .delete(`/users/${b.users.statistician.id}/sessions`)
        .set(asSystemAdmin())
        .expect(204);
      await t.http().get('/auth/me').set(bearer(b.tokens.statistician)).expect(401);
    });

    it('adds catalogues and reads them', async () => {
      await t
        .http()
        .post('/class-topics')
        .set(asSystemAdmin())
        .send({
          code: `t_${randomUUID().slice(0, 8)}`,
          nameZh: '产后抑郁',
          nameEn: 'PPD',
          breastfeeding: false,
        })
        .expect(201);
      await t.http().get('/class-topics').set(asSystemAdmin()).expect(200);
      await t.http().get('/risk-catalogues').set(asSystemAdmin()).expect(200);
      await t.http().get('/facilities').set(asSystemAdmin()).expect(200);
      await t.http().get('/auth/me').set(asSystemAdmin()).expect(200);
    });

    it.each([
      ['GET', '/pregnancies'],
      ['GET', () => `/pregnancies/${pregnancyOfB}`],
      ['GET', () => `/women/${womanOfB}`],
      ['GET', '/women/possible-duplicates'],
      ['GET', '/high-risk-cases'],
      ['GET', '/worklists/overdue-visits'],
      ['GET', '/audit-entries'],
      ['GET', '/visit-schedule'],
      ['GET', '/indicators'],
      ['GET', '/indicator-values?period=2026-01'],
      ['POST', '/registrations'],
      ['PUT', '/visit-schedule'],
    ] as const)('gets 403 on %s %s: it reads no patient record', async (method, path) => {
      const url = typeof path === 'function' ? path() : path;
      const http = t.http();
      const call =
        method === 'GET'
          ? http.get(url)
          : method === 'POST'
            ? http.post(url).send({})
            : http.put(url).send({});
      const { body } = await call.set(asSystemAdmin()).expect(403);
      expect(body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN_ROLE', details: [] });
    });
  });
});
