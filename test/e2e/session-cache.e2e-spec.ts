import { jest } from '@jest/globals';
import request from 'supertest';
import { SessionCheckCache } from '../../apps/api/src/users/session-check-cache.js';
import { SessionsRepository } from '../../apps/api/src/users/sessions.repository.js';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

// Two api instances on one database, as two replicas behind a load balancer: sessions checked on one
// are cached there, and a revocation or a change of rights made anywhere must end that at once.
describe('Cached session checks across instances (e2e)', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({ DATABASE_URL: first.databaseUrl, DEMO_DATA: 'false' });
  }, 90_000);

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const get = (app: TestApp, path: string, token: string) => request(app.http).get(path).set('Authorization', `Bearer ${token}`);
  /**
   * Polls until the request answers `status`. A notification crosses instances in milliseconds; the
   * callers assert less than 10 s — far inside the 30 s (AUTH_SESSION_CACHE_SECONDS) an entry would
   * otherwise live, without holding a loaded CI machine to a latency.
   */
  async function eventually(app: TestApp, path: string, token: string, status: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      const response = await get(app, path, token);
      if (response.status === status) return Date.now() - started;
      if (Date.now() - started > 15_000) throw new Error(`${path} still answers ${response.status}, not ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('should answer a known session without asking the database again', async () => {
    const token = await loginAs(first, 'xiqu-staff');
    const sessions = second.app.get(SessionsRepository);
    const lookup = jest.spyOn(sessions, 'findLiveSessionUser');
    await get(second, '/api/v1/divisions/510403', token).expect(200);
    await get(second, '/api/v1/divisions/510403', token).expect(200);
    await get(second, '/api/v1/divisions/510403/denominators', token).expect(200);
    expect(lookup).toHaveBeenCalledTimes(1);
    lookup.mockRestore();
  });

  it('should end a session at once on the instance that revoked it, and within moments on the other', async () => {
    const token = await loginAs(first, 'xiqu-leader');
    await get(first, '/api/v1/divisions/510403', token).expect(200);
    await get(second, '/api/v1/divisions/510403', token).expect(200);
    await request(first.http).post('/api/v1/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
    await get(first, '/api/v1/divisions/510403', token).expect(401);
    expect(await eventually(second, '/api/v1/divisions/510403', token, 401)).toBeLessThan(10_000);
  });

  it('should apply a role change made outside the api (psql, a script) to cached sessions', async () => {
    const admin = await loginAs(first, 'admin');
    await request(first.http).post('/api/v1/users').set('Authorization', `Bearer ${admin}`)
      .send({ username: 'cache-city', displayName: '缓存测试 市科协', password: 'cache-city-2021', role: 'city', divisionCode: '510400' }).expect(201);
    const token = await loginAs(first, 'cache-city', 'cache-city-2021');
    await get(second, '/api/v1/divisions/510402/denominators', token).expect(200);
    // Demoted to West District's leader directly in the database: the trigger notifies the change.
    await first.db.query(`UPDATE app_user SET role = 'leader', division_code = '510403' WHERE username = 'cache-city'`);
    expect(await eventually(second, '/api/v1/divisions/510402/denominators', token, 403)).toBeLessThan(10_000);
    await get(second, '/api/v1/divisions/510403/denominators', token).expect(200);
  });

  it('should end the sessions of a user disabled on the other instance', async () => {
    const admin = await loginAs(first, 'admin');
    const token = await loginAs(first, 'dongqu-staff');
    await get(second, '/api/v1/divisions/510402', token).expect(200);
    const { body: users } = await get(first, '/api/v1/users?q=dongqu-staff', admin).expect(200);
    const id = users.items.find((u: { username: string }) => u.username === 'dongqu-staff').id as string;
    const disabled = await request(first.http).patch(`/api/v1/users/${id}`).set('Authorization', `Bearer ${admin}`).send({ active: false });
    expect([disabled.status, disabled.body]).toEqual([200, expect.objectContaining({ active: false })]);
    expect(await eventually(second, '/api/v1/divisions/510402', token, 401)).toBeLessThan(10_000);
  });

  it('should stop caching while the change listener is disconnected, so a revocation still counts at once', async () => {
    const token = await loginAs(first, 'panzhihua');
    await get(second, '/api/v1/divisions/510400', token).expect(200);
    const cache = second.app.get(SessionCheckCache);
    expect(cache.active).toBe(true);
    // This test's databases only: the test server is shared by the files running at the same time.
    await first.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tianfu-kpi-sessions' AND datname = current_database()`);
    for (const started = Date.now(); cache.active; await new Promise((resolve) => setTimeout(resolve, 10))) {
      if (Date.now() - started > 15_000) throw new Error('the listener did not notice its connection ended');
    }
    // Revoked while nobody listens: no notification reaches the second instance.
    await first.db.query(`UPDATE user_session SET revoked_at = now() WHERE user_id = (SELECT id FROM app_user WHERE username = 'panzhihua') AND revoked_at IS NULL`);
    await get(second, '/api/v1/divisions/510400', token).expect(401);
    // It listens again after a second or so, and caches again.
    for (const started = Date.now(); !cache.active; await new Promise((resolve) => setTimeout(resolve, 50))) {
      if (Date.now() - started > 10_000) throw new Error('the listener did not come back');
    }
  }, 30_000);
});
