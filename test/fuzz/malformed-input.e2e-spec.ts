import { createStaffedFacility, type Staff } from '../factories/people.factory';
import { registrationPayload } from '../factories/registration.factory';
import { bearer, loginWith } from '../utils/auth';
import { createTestApp, type TestApp } from '../utils/test-app';

/** The inputs that once answered 500, each now a 400 naming the field and the rule. */
describe('malformed input answers 400, never 500', () => {
  let t: TestApp;
  let home: Staff;
  let woman: { id: number; version: number };

  beforeAll(async () => {
    t = await createTestApp();
    home = await createStaffedFacility(t.dataSource, loginWith(t));
    const { body } = await t
      .http()
      .post('/registrations')
      .set(bearer(home.tokens.nurse))
      .send(registrationPayload())
      .expect(201);
    woman = body.woman as { id: number; version: number };
  });

  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['an object with toString and valueOf keys', { toString: 'x', valueOf: 'y' }],
    ['an object with a valueOf key', { valueOf: 1 }],
  ])('refuses %s in a number field', async (_what, version) => {
    const { body } = await t
      .http()
      .patch(`/women/${woman.id}`)
      .set(bearer(home.tokens.nurse))
      .send({ version, phone: '13700001111' })
      .expect(400);
    expect(body.details).toContainEqual(
      expect.objectContaining({ field: 'version', rule: 'isInt' }),
    );
  });

  it('refuses null for a field always recorded (NOT NULL), naming it', async () => {
    const { body } = await t
      .http()
      .patch(`/women/${woman.id}`)
      .set(bearer(home.tokens.nurse))
      .send({ version: woman.version, name: null })
      .expect(400);
    expect(body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(body.details).toContainEqual(expect.objectContaining({ field: 'name' }));
    const user = await t
      .http()
      .patch(`/users/${home.users.nurse.id}`)
      .set(bearer(home.tokens.admin))
      .send({ version: 1, displayName: null })
      .expect(400);
    expect(user.body.details).toContainEqual(expect.objectContaining({ field: 'displayName' }));
  });

  it('refuses a page beyond any list', async () => {
    const { body } = await t
      .http()
      .get('/pregnancies?page=1e308')
      .set(bearer(home.tokens.nurse))
      .expect(400);
    expect(body.details).toContainEqual(expect.objectContaining({ field: 'page', rule: 'max' }));
  });

  it('refuses a body nested thousands of levels before parsing it', async () => {
    const { body } = await t
      .http()
      .post('/registrations')
      .set(bearer(home.tokens.nurse))
      .set('Content-Type', 'application/json')
      .send(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`)
      .expect(400);
    expect(body).toEqual({
      statusCode: 400,
      code: 'MALFORMED_REQUEST',
      message: 'The request body nests deeper than 32 levels',
      details: [],
    });
  });
});
