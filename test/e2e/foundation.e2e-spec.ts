import request from 'supertest';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

describe('Foundation (e2e)', () => {
  let app: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    app = await startTestApp();
    adminToken = await loginAs(app, 'admin');
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('health', () => {
    it('should answer 200 when the database is reachable and migrated', async () => {
      const response = await request(app.http).get('/api/health').expect(200);
      expect(response.body).toEqual({ status: 'ok', database: 'up', migrations: 'current' });
      expect(response.headers['x-request-id']).toBeTruthy();
    });
  });

  describe('divisions', () => {
    it('should list Panzhihua’s five county-level divisions when asked for parent 510400', async () => {
      const token = await loginAs(app, 'xiqu-staff');
      const response = await request(app.http).get('/api/v1/divisions?parent=510400').set('Authorization', `Bearer ${token}`).expect(200);
      expect(response.body.map((d: { code: string; name: string }) => `${d.code} ${d.name}`)).toEqual([
        '510402 东区', '510403 西区', '510411 仁和区', '510421 米易县', '510422 盐边县',
      ]);
      expect(response.body.find((d: { code: string }) => d.code === '510403').inScope).toBe(true);
      expect(response.body.find((d: { code: string }) => d.code === '510402').inScope).toBe(false);
    });

    it('should hold Sichuan and its 21 prefecture-level divisions with parent links', async () => {
      const response = await request(app.http).get('/api/v1/divisions?level=prefecture').set('Authorization', `Bearer ${adminToken}`).expect(200);
      expect(response.body).toHaveLength(21);
      expect(new Set(response.body.map((d: { parentCode: string }) => d.parentCode))).toEqual(new Set(['510000']));
    });

    it('should carry the seed’s West District denominators (14.9万 residents, 68 规上企业)', async () => {
      const token = await loginAs(app, 'xiqu-leader');
      const response = await request(app.http).get('/api/v1/divisions/510403/denominators').set('Authorization', `Bearer ${token}`).expect(200);
      expect(response.body.find((d: { year: number }) => d.year === 2021)).toMatchObject({ divisionCode: '510403', year: 2021, population: 149000, enterprisesAboveScale: 68 });
    });

    it('should let an admin edit denominators and refuse negative numbers with the field named', async () => {
      await request(app.http)
        .put('/api/v1/divisions/510403/denominators/2022')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ population: 150000, households: 61000 })
        .expect(200);
      const bad = await request(app.http)
        .put('/api/v1/divisions/510403/denominators/2022')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ villages: -3 })
        .expect(422);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'villages' })]);
    });
  });

  describe('scopes', () => {
    it('should answer 401 without a token', async () => {
      const response = await request(app.http).get('/api/v1/divisions').expect(401);
      expect(response.body).toMatchObject({ statusCode: 401, message: expect.any(String) });
    });

    it('should answer 401 for a forged token', async () => {
      await request(app.http).get('/api/v1/auth/me').set('Authorization', 'Bearer not.a.token').expect(401);
    });

    it('should give a West District staff user 403 for the users API and for another district’s data', async () => {
      const token = await loginAs(app, 'xiqu-staff');
      await request(app.http).get('/api/v1/users').set('Authorization', `Bearer ${token}`).expect(403);
      await request(app.http).post('/api/v1/users').set('Authorization', `Bearer ${token}`).send({}).expect(403);
      await request(app.http).get('/api/v1/divisions/510402/denominators').set('Authorization', `Bearer ${token}`).expect(403);
      await request(app.http).put('/api/v1/divisions/510403/denominators/2021').set('Authorization', `Bearer ${token}`).send({ villages: 1 }).expect(403);
      await request(app.http).get('/api/v1/divisions/510403/denominators').set('Authorization', `Bearer ${token}`).expect(200);
    });

    it('should let the city read every division under it but not another city', async () => {
      const token = await loginAs(app, 'panzhihua');
      await request(app.http).get('/api/v1/divisions/510402/denominators').set('Authorization', `Bearer ${token}`).expect(200);
      await request(app.http).get('/api/v1/divisions/510400/denominators').set('Authorization', `Bearer ${token}`).expect(200);
      await request(app.http).get('/api/v1/divisions/510100/denominators').set('Authorization', `Bearer ${token}`).expect(403);
    });
  });

  describe('sign-in', () => {
    it('should return a token and the user, and end the session on logout', async () => {
      const login = await request(app.http).post('/api/v1/auth/login').send({ username: 'XIQU-Leader', password: 'demo1234' }).expect(200);
      expect(login.body.user).toMatchObject({ username: 'xiqu-leader', role: 'leader', divisionCode: '510403', divisionName: '西区' });
      const token = login.body.accessToken;
      await request(app.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
      await request(app.http).post('/api/v1/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
      await request(app.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    });

    it('should answer 422 naming the field when the login body is bad', async () => {
      const response = await request(app.http).post('/api/v1/auth/login').send({ username: 'admin' }).expect(422);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
      const notJson = await request(app.http).post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username":').expect(400);
      expect(notJson.body).toMatchObject({ code: 'INVALID_JSON', messageEn: expect.stringMatching(/not valid JSON/) });
    });

    it('should throttle a username after five wrong passwords in a row, even for the right password', async () => {
      for (let i = 0; i < 4; i++) {
        await request(app.http).post('/api/v1/auth/login').send({ username: 'dongqu-staff', password: 'wrong-password' }).expect(401);
      }
      const fifth = await request(app.http).post('/api/v1/auth/login').send({ username: 'dongqu-staff', password: 'wrong-password' }).expect(429);
      expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(0);
      const blocked = await request(app.http).post('/api/v1/auth/login').send({ username: 'dongqu-staff', password: 'demo1234' }).expect(429);
      expect(blocked.body.messageEn).toMatch(/try again/);
    });

    it('should list the demo accounts only in demo mode', async () => {
      const response = await request(app.http).get('/api/v1/auth/demo-accounts').expect(200);
      expect(response.body).toMatchObject({ enabled: true, password: 'demo1234' });
      expect(response.body.accounts.map((a: { username: string }) => a.username)).toEqual(['admin', 'panzhihua', 'xiqu-leader', 'xiqu-staff', 'dongqu-staff']);
    });
  });

  describe('users and audit', () => {
    it('should create, disable and reset a user, and record each write in the audit log', async () => {
      const auth = { Authorization: `Bearer ${adminToken}` };
      const created = await request(app.http)
        .post('/api/v1/users')
        .set(auth)
        .send({ username: 'renhe-staff', displayName: '仁和区科协 工作人员', password: 'renhe-2021', role: 'staff', divisionCode: '510411' })
        .expect(201);
      expect(created.body).toMatchObject({ username: 'renhe-staff', divisionName: '仁和区', active: true });
      expect(created.body).not.toHaveProperty('passwordHash');

      const userToken = await loginAs(app, 'renhe-staff', 'renhe-2021');
      await request(app.http).patch(`/api/v1/users/${created.body.id}`).set(auth).send({ active: false }).expect(200);
      await request(app.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${userToken}`).expect(401);
      await request(app.http).post('/api/v1/auth/login').send({ username: 'renhe-staff', password: 'renhe-2021' }).expect(401);

      await request(app.http).patch(`/api/v1/users/${created.body.id}`).set(auth).send({ active: true }).expect(200);
      await request(app.http).post(`/api/v1/users/${created.body.id}/password`).set(auth).send({ password: 'renhe-2022!' }).expect(204);
      await loginAs(app, 'renhe-staff', 'renhe-2022!');

      const audit = await request(app.http).get(`/api/v1/audit?entity=app_user&entityId=${created.body.id}`).set(auth).expect(200);
      const actions = audit.body.items.map((e: { action: string }) => e.action).reverse();
      expect(actions).toEqual(['insert', 'update', 'update', 'update']);
      const insert = audit.body.items.at(-1);
      expect(insert).toMatchObject({ actorName: 'admin', entity: 'app_user', after: expect.objectContaining({ username: 'renhe-staff', passwordHash: '[redacted]' }) });
      expect(insert.requestId).toBeTruthy();
      const disable = audit.body.items.at(-2);
      expect(disable.before.active).toBe(true);
      expect(disable.after.active).toBe(false);
    });

    it('should filter the audit log by Beijing day, division (with those below it and through a record\'s project) and name the actor', async () => {
      const auth = { Authorization: `Bearer ${adminToken}` };
      const list = async (query: string) => (await request(app.http).get(`/api/v1/audit?entity=app_user&pageSize=200&${query}`).set(auth).expect(200)).body as {
        items: Array<{ entityId: string; after: { username?: string } | null; actorDisplayName: string | null; actorId: string | null }>;
        total: number;
      };
      const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
      const renhe = (page: Awaited<ReturnType<typeof list>>) => page.items.filter((e) => e.after?.username === 'renhe-staff');
      expect(renhe(await list(`from=${day(0)}&to=${day(0)}`)).length).toBeGreaterThan(0);
      expect(renhe(await list(`from=${day(1)}`))).toEqual([]);
      expect(renhe(await list(`to=${day(-1)}`))).toEqual([]);
      // 仁和区 and 攀枝花市 above it hold the account; 西区 does not.
      expect(renhe(await list('division=510411')).length).toBeGreaterThan(0);
      expect(renhe(await list('division=510400')).length).toBeGreaterThan(0);
      expect(renhe(await list('division=510403'))).toEqual([]);
      const byAdmin = renhe(await list('actor=admin'));
      expect(byAdmin[0]).toMatchObject({ actorDisplayName: '系统管理员' });
      // A payment has no division of its own: it belongs to its project's.
      const payments = (division: string) => request(app.http).get(`/api/v1/audit?entity=budget_payment&division=${division}&pageSize=1`).set(auth).expect(200);
      expect((await payments('510403')).body.total).toBeGreaterThan(0);
      expect((await payments('510411')).body.total).toBe(0);
      await request(app.http).get('/api/v1/audit?to=2026-02-30x').set(auth).expect(422);
      await request(app.http).get('/api/v1/audit?division=5104').set(auth).expect(422);
    });

    it('should refuse a duplicate username with 409 and a wrong role/division pairing with 422', async () => {
      const auth = { Authorization: `Bearer ${adminToken}` };
      await request(app.http)
        .post('/api/v1/users')
        .set(auth)
        .send({ username: 'xiqu-staff', displayName: 'x', password: 'long-enough', role: 'staff', divisionCode: '510403' })
        .expect(409);
      const wrongLevel = await request(app.http)
        .post('/api/v1/users')
        .set(auth)
        .send({ username: 'someone', displayName: 'x', password: 'long-enough', role: 'city', divisionCode: '510403' })
        .expect(422);
      expect(wrongLevel.body.errors[0].field).toBe('divisionCode');
      const invalid = await request(app.http).post('/api/v1/users').set(auth).send({ username: 'A!', role: 'boss' }).expect(422);
      expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['username', 'displayName', 'password', 'role', 'divisionCode']));
    });

    it('should page and filter the user list', async () => {
      const response = await request(app.http).get('/api/v1/users?role=staff&pageSize=2').set('Authorization', `Bearer ${adminToken}`).expect(200);
      expect(response.body.pageSize).toBe(2);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      expect(response.body.total).toBeGreaterThanOrEqual(2);
      expect(response.body.items.every((u: { role: string }) => u.role === 'staff')).toBe(true);
    });
  });
});
