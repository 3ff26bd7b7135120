import { JwtService } from '@nestjs/jwt';
import type Redis from 'ioredis';
import { authConfig, AuthConfig } from '../../config';
import { SHIPPED_SECRETS } from '../../config/secret-strength';
import { AuditEntry } from '../../src/core/audit/audit-entry.entity';
import { AuthSession } from '../../src/core/auth/auth-session.entity';
import { REDIS_CLIENT } from '../../src/core/redis/redis.module';
import { User } from '../../src/core/users/user.entity';
import {
  createFacility,
  createStaffedFacility,
  createSystemAdmin,
  createUser,
  Staff,
  TEST_PASSWORD,
} from '../factories/people.factory';
import { bearer, loginWith } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

/** Tokens are only as good as their session: every attack below must answer 401. */
describe('security: tokens and revocable sessions', () => {
  let t: TestApp;
  let home: Staff;
  let systemAdmin: { user: User; token: string };
  let login: (username: string, password?: string) => Promise<string>;

  beforeAll(async () => {
    t = await createTestApp();
    login = loginWith(t);
    home = await createStaffedFacility(t.dataSource, login);
    systemAdmin = await createSystemAdmin(t.dataSource, login);
  });

  afterAll(() => t.close());

  const me = (token: string) => t.http().get('/auth/me').set(bearer(token));

  async function expectRefused(token: string, code = 'SESSION_REVOKED'): Promise<void> {
    const { body } = await me(token).expect(401);
    expect(body).toEqual({ statusCode: 401, code, message: expect.any(String), details: [] });
  }

  const sessionOf = (token: string) => new JwtService().decode<{ sid: string; exp: number }>(token);

  /** Signs with the secret the running service uses, as someone who stole it could. */
  const realSigner = () =>
    new JwtService({ secret: t.app.get<AuthConfig>(authConfig.KEY).jwtSecret });

  async function freshNurse(): Promise<User> {
    return createUser(t.dataSource, home.facility, 'nurse');
  }

  async function patchUser(id: number, changes: Record<string, unknown>, token: string) {
    const { version } = await t.dataSource.getRepository(User).findOneByOrFail({ id });
    return t
      .http()
      .patch(`/users/${id}`)
      .set(bearer(token))
      .send({ version, ...changes })
      .expect(200);
  }

  describe('forged and malformed tokens', () => {
    const claims = { sub: 987_654, username: 'nobody', facilityId: 1, role: 'admin' };

    it('refuses a token signed with the shipped example secret for a made-up user and session', async () => {
      const forged = await new JwtService({ secret: SHIPPED_SECRETS[0] }).signAsync(
        { ...claims, sid: 'a'.repeat(32) },
        { expiresIn: 3600 },
      );
      await expectRefused(forged, 'UNAUTHENTICATED');
    });

    it('refuses a token signed with the real secret but naming a session that was never opened', async () => {
      const made = await realSigner().signAsync(
        { ...claims, sub: home.users.nurse.id, sid: 'b'.repeat(32) },
        { expiresIn: 3600 },
      );
      await expectRefused(made, 'UNAUTHENTICATED');
    });

    it('refuses a token without exp, even with the real secret and a live session', async () => {
      const { sid } = sessionOf(home.tokens.nurse);
      const forever = await realSigner().signAsync({
        sub: home.users.nurse.id,
        sid,
        username: home.users.nurse.username,
        facilityId: home.facility.id,
        role: 'nurse',
      });
      expect(new JwtService().decode<{ exp?: number }>(forever).exp).toBeUndefined();
      await expectRefused(forever, 'UNAUTHENTICATED');
      await me(home.tokens.nurse).expect(200);
    });

    it("refuses another user's session id, and ignores a role claimed in the token", async () => {
      const signer = realSigner();
      const { sid } = sessionOf(home.tokens.nurse);
      const stolen = await signer.signAsync(
        { ...claims, sub: home.users.admin.id, sid },
        { expiresIn: 3600 },
      );
      await expectRefused(stolen, 'UNAUTHENTICATED');

      // The nurse's own session with the role "admin" written into the claims: still a nurse.
      const promoted = await signer.signAsync(
        { sub: home.users.nurse.id, sid, username: 'x', facilityId: 1, role: 'admin' },
        { expiresIn: 3600 },
      );
      const { body } = await me(promoted).expect(200);
      expect(body).toMatchObject({ role: 'nurse', facilityId: home.facility.id });
      await t.http().get('/users').set(bearer(promoted)).expect(403);
    });

    it('refuses an expired token', async () => {
      const { sid } = sessionOf(home.tokens.nurse);
      const expired = await realSigner().signAsync({
        sub: home.users.nurse.id,
        sid,
        exp: Math.floor(Date.now() / 1000) - 10,
      });
      await expectRefused(expired, 'UNAUTHENTICATED');
    });

    it('gives every issued token an exp that matches its session', async () => {
      const { sid, exp } = sessionOf(home.tokens.nurse);
      const session = await t.dataSource.getRepository(AuthSession).findOneByOrFail({ id: sid });
      expect(session.expiresAt.getTime()).toBe(exp * 1000);
      expect(session).toMatchObject({
        userId: home.users.nurse.id,
        role: 'nurse',
        revokedAt: null,
      });
      expect(sid).toMatch(/^[0-9a-f]{32}$/);
    });
  });

  describe('ending sessions: the very next request is refused', () => {
    it('on deactivation, every session of the user', async () => {
      const nurse = await freshNurse();
      const [first, second] = [await login(nurse.username), await login(nurse.username)];
      await me(first).expect(200);
      await patchUser(nurse.id, { active: false }, home.tokens.admin);
      await expectRefused(first);
      await expectRefused(second);
      await t
        .http()
        .post('/auth/login')
        .send({ username: nurse.username, password: TEST_PASSWORD })
        .expect(401);
    });

    it('on a role change (demotion): a new login carries the new role', async () => {
      const admin = await createUser(t.dataSource, home.facility, 'admin');
      const token = await login(admin.username);
      await t.http().get('/users').set(bearer(token)).expect(200);
      await patchUser(admin.id, { role: 'nurse' }, home.tokens.admin);
      await expectRefused(token);
      const again = await login(admin.username);
      expect((await me(again).expect(200)).body.role).toBe('nurse');
      await t.http().get('/users').set(bearer(again)).expect(403);
    });

    it('on a move to another facility', async () => {
      const nurse = await freshNurse();
      const token = await login(nurse.username);
      const elsewhere = await createFacility(t.dataSource);
      await patchUser(nurse.id, { facilityId: elsewhere.id }, systemAdmin.token);
      await expectRefused(token);
      expect((await me(await login(nurse.username)).expect(200)).body.facilityId).toBe(
        elsewhere.id,
      );
    });

    it('on a password change: the old password no longer logs in, the new one does', async () => {
      const nurse = await freshNurse();
      const token = await login(nurse.username);
      await patchUser(nurse.id, { password: 'A-New-Password-2026' }, home.tokens.admin);
      await expectRefused(token);
      await t
        .http()
        .post('/auth/login')
        .send({ username: nurse.username, password: TEST_PASSWORD })
        .expect(401);
      await me(await login(nurse.username, 'A-New-Password-2026')).expect(200);
    });

    it('but not on a change of display name', async () => {
      const nurse = await freshNurse();
      const token = await login(nurse.username);
      await patchUser(nurse.id, { displayName: '改名护士' }, home.tokens.admin);
      await me(token).expect(200);
    });

    it('on logout: that session only, audited', async () => {
      const nurse = await freshNurse();
      const [leaving, staying] = [await login(nurse.username), await login(nurse.username)];
      await t.http().post('/auth/logout').set(bearer(leaving)).expect(204);
      await expectRefused(leaving);
      await me(staying).expect(200);
      const { revokedReason } = await t.dataSource
        .getRepository(AuthSession)
        .findOneByOrFail({ id: sessionOf(leaving).sid });
      expect(revokedReason).toBe('logout');
      const entries = await auditOf(nurse.id);
      expect(entries.map((e) => e.action)).toEqual(['login', 'login', 'logout']);
      expect(entries[2]).toMatchObject({ userId: nurse.id, after: { sessions: 1 } });
    });

    it('on logout-all: every session of the caller', async () => {
      const nurse = await freshNurse();
      const tokens = [await login(nurse.username), await login(nurse.username)];
      await t.http().post('/auth/logout-all').set(bearer(tokens[0])).expect(204);
      for (const token of tokens) await expectRefused(token);
      expect((await auditOf(nurse.id)).at(-1)).toMatchObject({
        action: 'logout',
        after: { sessions: 2, everywhere: true },
      });
    });

    it("when an admin ends a user's sessions (DELETE /users/{id}/sessions), audited", async () => {
      const nurse = await freshNurse();
      const token = await login(nurse.username);
      await t
        .http()
        .delete(`/users/${nurse.id}/sessions`)
        .set(bearer(home.tokens.admin))
        .expect(204);
      await expectRefused(token);
      expect((await auditOf(nurse.id)).at(-1)).toMatchObject({
        action: 'session_revoked',
        userId: home.users.admin.id,
        facilityId: home.facility.id,
        reason: 'ended_by_admin',
        after: { sessions: 1 },
      });
      await me(await login(nurse.username)).expect(200);
    });

    it('in every API process at once, though each keeps the sessions it has seen in memory', async () => {
      await withAnotherProcess(async (other) => {
        const nurse = await freshNurse();
        const tokens = [await login(nurse.username), await login(nurse.username)];
        for (const token of tokens) {
          await other.http().get('/auth/me').set(bearer(token)).expect(200);
          await me(token).expect(200);
        }
        // Ended in this process: the other forgets it before the logout's answer arrives.
        await t.http().post('/auth/logout').set(bearer(tokens[0])).expect(204);
        const { body } = await other.http().get('/auth/me').set(bearer(tokens[0])).expect(401);
        expect(body.code).toBe('SESSION_REVOKED');
        // Ended by a request to the other process: this one forgets it too.
        await other.http().post('/auth/logout').set(bearer(tokens[1])).expect(204);
        await expectRefused(tokens[1]);
      });
    });
  });

  describe('the Redis record and the database', () => {
    const redis = () => t.app.get<Redis>(REDIS_CLIENT);

    it('caches a live session until the token expires, and reloads it from MariaDB when gone', async () => {
      const nurse = await freshNurse();
      const token = await login(nurse.username);
      const { sid, exp } = sessionOf(token);
      const ttl = await redis().pttl(`session:${sid}`);
      expect(ttl).toBeGreaterThan(exp * 1000 - Date.now() - 5_000);
      expect(ttl).toBeLessThanOrEqual(exp * 1000 - Date.now() + 1_000);
      await redis().del(`session:${sid}`);
      // A process that has not seen the session yet (nothing in its memory) reloads it.
      await withAnotherProcess(async (other) => {
        await other.http().get('/auth/me').set(bearer(token)).expect(200);
      });
      expect(JSON.parse((await redis().get(`session:${sid}`))!)).toMatchObject({
        userId: nurse.id,
        active: true,
        expiresAt: exp * 1000,
      });
    });

    it('keeps an ended session ended when its Redis record is lost', async () => {
      const nurse = await freshNurse();
      const token = await login(nurse.username);
      await t.http().post('/auth/logout').set(bearer(token)).expect(204);
      await redis().del(`session:${sessionOf(token).sid}`);
      await expectRefused(token);
    });

    it('refuses a session whose user was deactivated behind the service’s back, once reloaded', async () => {
      const nurse = await freshNurse();
      const token = await login(nurse.username);
      await t.dataSource.query('UPDATE app_user SET active = 0 WHERE id = ?', [nurse.id]);
      await redis().del(`session:${sessionOf(token).sid}`);
      await withAnotherProcess(async (other) => {
        const { body } = await other.http().get('/auth/me').set(bearer(token)).expect(401);
        expect(body.code).toBe('SESSION_REVOKED');
      });
    });
  });

  /** A second API process on the same database and Redis, with nothing in its memory yet. */
  async function withAnotherProcess(use: (other: TestApp) => Promise<void>): Promise<void> {
    const other = await createTestApp();
    try {
      await use(other);
    } finally {
      await other.close();
    }
  }

  function auditOf(userId: number): Promise<AuditEntry[]> {
    return t.dataSource.getRepository(AuditEntry).find({
      where: { entity: 'user', entityId: String(userId) },
      order: { id: 'ASC' },
    });
  }
});
