import { createStaffedFacility, Staff } from '../factories/people.factory';
import { registrationPayload } from '../factories/registration.factory';
import { bearer, loginWith } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * HTTP hygiene (issue 12, item 10): security headers, CORS only for listed origins, the API docs
 * only when enabled, path ids that are plain digits, and no prototype keys in a body or query.
 */
describe('HTTP hygiene', () => {
  let t: TestApp;
  let home: Staff;
  let pregnancyId: number;

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    const { body } = await t
      .http()
      .post('/registrations')
      .set(bearer(home.tokens.nurse))
      .send(registrationPayload())
      .expect(201);
    pregnancyId = body.pregnancy.id;
  });

  afterAll(() => t.close());

  describe('headers', () => {
    it('puts helmet headers and a closed content policy on API responses', async () => {
      const { headers } = await t.http().get('/health');
      expect(headers).toMatchObject({
        'content-security-policy': "default-src 'none';frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'strict-transport-security': expect.stringContaining('max-age='),
      });
      expect(headers['x-powered-by']).toBeUndefined();
    });

    it('lets the Swagger UI load its own scripts and styles, and nothing from elsewhere', async () => {
      const page = await t.http().get('/docs/').redirects(1).expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const policy = page.headers['content-security-policy'];
      expect(policy).toContain("script-src 'self' 'unsafe-inline'");
      expect(policy).toContain("style-src 'self' 'unsafe-inline'");
      expect(policy).toContain("default-src 'self'");
      expect(policy).not.toContain('upgrade-insecure-requests');
      expect(page.headers['x-frame-options']).toBe('DENY');
      await t.http().get('/docs/swagger-ui-init.js').expect(200);
      await t.http().get('/docs-json').expect(200);
    });
  });

  describe('CORS', () => {
    it('answers no cross-origin request or preflight when no origin is listed', async () => {
      const simple = await t.http().get('/health').set('Origin', 'https://mch.example.org');
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t
        .http()
        .options('/pregnancies')
        .set('Origin', 'https://mch.example.org')
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'authorization');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    });

    describe('with CORS_ORIGINS set, and the docs off', () => {
      let listed: TestApp;

      beforeAll(async () => {
        listed = await createTestApp({ corsOrigins: ['https://mch.example.org'], swagger: false });
      });

      afterAll(() => listed.close());

      it('allows the listed origin, no credentials, and no other origin', async () => {
        const preflight = await listed
          .http()
          .options('/pregnancies')
          .set('Origin', 'https://mch.example.org')
          .set('Access-Control-Request-Method', 'GET')
          .set('Access-Control-Request-Headers', 'authorization')
          .expect(204);
        expect(preflight.headers['access-control-allow-origin']).toBe('https://mch.example.org');
        expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
        const other = await listed.http().get('/health').set('Origin', 'https://evil.example');
        expect(other.headers['access-control-allow-origin']).toBeUndefined();
      });

      it('serves no API docs', async () => {
        await listed.http().get('/docs').expect(404);
        await listed.http().get('/docs-json').expect(404);
      });
    });
  });

  describe('path ids', () => {
    it.each(['1e3', '0x10', '%201', '-1', '1.0', '0', '+1', '99999999999'])(
      'answers /pregnancies/%s with 400 naming the id',
      async (id) => {
        const { body } = await t
          .http()
          .get(`/pregnancies/${id}`)
          .set(bearer(home.tokens.nurse))
          .expect(400);
        expect(body).toMatchObject({
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          details: [{ field: 'id', rule: 'isInt' }],
        });
      },
    );

    it('reads plain digits as the id', async () => {
      await t.http().get(`/pregnancies/${pregnancyId}`).set(bearer(home.tokens.nurse)).expect(200);
      const { body } = await t.http().get('/pregnancies/12').set(bearer(home.tokens.statistician));
      expect(body.code).not.toBe('VALIDATION_FAILED');
    });

    it('checks every numeric path parameter, not only :id', async () => {
      const { body } = await t
        .http()
        .put(`/indicators/PM-01/targets/0x10`)
        .set(bearer(home.tokens.admin))
        .send({ direction: 'at_least', value: 90 })
        .expect(400);
      expect(body.details).toEqual([expect.objectContaining({ field: 'facilityId' })]);
      await t.http().get('/pregnancies/1e3/pmtct').set(bearer(home.tokens.nurse)).expect(400);
    });
  });

  describe('prototype keys', () => {
    const register = (json: string) =>
      t
        .http()
        .post('/registrations')
        .set(bearer(home.tokens.nurse))
        .set('Content-Type', 'application/json')
        .send(json);

    const valid = () => registrationPayload();

    it.each([
      [
        '__proto__ at the top',
        () => JSON.stringify(valid()).replace(/^\{/, '{"__proto__":{"role":"admin"},'),
        '__proto__',
      ],
      [
        'constructor in the woman',
        () => JSON.stringify(valid()).replace('"woman":{', '"woman":{"constructor":{"x":1},'),
        'woman.constructor',
      ],
      [
        'prototype deep in the pregnancy',
        () =>
          JSON.stringify({
            ...valid(),
            pregnancy: { ...valid().pregnancy, ultrasound: { prototype: { polluted: true } } },
          }),
        'pregnancy.ultrasound.prototype',
      ],
    ])('refuses a body with %s (400, naming the field)', async (_name, json, field) => {
      const { body } = await register(json()).expect(400);
      expect(body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ field, rule: 'notPrototypeKey' })],
      });
    });

    it('refuses one in a query string too', async () => {
      const { body } = await t
        .http()
        .get('/pregnancies?__proto__=1')
        .set(bearer(home.tokens.nurse))
        .expect(400);
      expect(body.code).toBe('VALIDATION_FAILED');
    });

    it('leaves the Object prototype untouched', () => {
      expect(({} as Record<string, unknown>).role).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
});
