import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import request from 'supertest';
import { addMonths, shanghaiMonth } from '@app/kpi-core';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

// One regression test per hole of issue 12 (the access matrix and the hostile corpus cover the
// classes; these pin each case as it was found).
describe('Hardening: the holes of issue 12 (e2e)', () => {
  let app: TestApp;
  let admin: string;
  let city: string;
  let leader: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    app = await startTestApp();
    [admin, city, leader] = await Promise.all([loginAs(app, 'admin'), loginAs(app, 'panzhihua'), loginAs(app, 'xiqu-leader')]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const snapshots = async () => Number((await app.db.query(`SELECT count(*) AS n FROM ranking_snapshot`)).rows[0].n);

  it('should refuse the rank trend of another city as it refuses its ranking (403)', async () => {
    await request(app.http).post('/api/v1/users').set(auth(admin))
      .send({ username: 'chengdu-city', displayName: '成都市科协', password: 'chengdu-2021', role: 'city', divisionCode: '510100' }).expect(201);
    const chengdu = await loginAs(app, 'chengdu-city', 'chengdu-2021');
    const ranking = await request(app.http).get('/api/v1/rankings?city=510400&month=2022-03').set(auth(chengdu)).expect(403);
    const trend = await request(app.http).get('/api/v1/rankings/trend?city=510400&from=2022-01&to=2022-06').set(auth(chengdu)).expect(403);
    expect([ranking.body.code, trend.body.code]).toEqual(['OUT_OF_SCOPE', 'OUT_OF_SCOPE']);
    // A district of the city reads the published trend.
    const own = await request(app.http).get('/api/v1/rankings/trend?city=510400&from=2022-01&to=2022-06').set(auth(leader)).expect(200);
    expect(own.body.every((m: { status: string }) => m.status === 'published')).toBe(true);
  });

  it('should publish only months that have ended, Beijing time', async () => {
    const current = shanghaiMonth(new Date());
    for (const month of [current, addMonths(current, 1), '2999-12']) {
      const refused = await request(app.http).post('/api/v1/rankings/publish').set(auth(city)).send({ city: '510400', month }).expect(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'month', code: 'MONTH_NOT_CLOSED' })]);
    }
    const before = await snapshots();
    await request(app.http).post('/api/v1/rankings/drafts').set(auth(city)).send({ city: '510400', month: current }).expect(422);
    expect(await snapshots()).toBe(before);
  });

  it('should compute a ranking on read and store nothing, for any month', async () => {
    const before = await snapshots();
    for (const month of ['1999-12', '2021-05', addMonths(shanghaiMonth(new Date()), 3)]) {
      const { body } = await request(app.http).get(`/api/v1/rankings?city=510400&month=${month}`).set(auth(city)).expect(200);
      expect(body.status).toBe('draft');
    }
    await request(app.http).get('/api/v1/rankings/trend?city=510400&from=2019-01&to=2021-12').set(auth(city)).expect(200);
    expect(await snapshots()).toBe(before);
  });

  it('should generate every request id and keep a client’s X-Request-Id apart, length-limited', async () => {
    const response = await request(app.http).put('/api/v1/targets/510403/2022/popsci.households').set(auth(city)).set('X-Request-Id', 'client-chosen-id').send({ annual: '1234' }).expect(200);
    const requestId = response.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const { rows } = await app.db.query(`SELECT request_id, client_request_id FROM audit_log WHERE entity = 'kpi_target' ORDER BY id DESC LIMIT 1`);
    expect(rows[0]).toEqual({ request_id: requestId, client_request_id: 'client-chosen-id' });
    await request(app.http).put('/api/v1/targets/510403/2022/popsci.households').set(auth(city)).set('X-Request-Id', 'x'.repeat(65)).send({ annual: '1235' }).expect(200);
    expect((await app.db.query(`SELECT client_request_id FROM audit_log WHERE entity = 'kpi_target' ORDER BY id DESC LIMIT 1`)).rows[0].client_request_id).toBeNull();
  });

  it('should answer a forged token whose session id is not a UUID with 401, and a NUL in a login with 422', async () => {
    const forged = await app.app.get(JwtService).signAsync({ sub: 'not-a-uuid', sid: "1' OR '1'='1" });
    const refused = await request(app.http).get('/api/v1/auth/me').set(auth(forged)).expect(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
    const login = await request(app.http).post('/api/v1/auth/login').send({ username: 'admin\u0000', password: 'demo1234' }).expect(422);
    expect(login.body.errors).toEqual([expect.objectContaining({ field: 'username', code: 'CONTROL_CHARACTER' })]);
  });

  it('should range-check integers, days and months and name the field, and name path parameters', async () => {
    const cases: Array<[request.Test, number, string]> = [
      [request(app.http).get('/api/v1/events?page=1e20').set(auth(leader)), 422, 'query.page'],
      [request(app.http).put('/api/v1/divisions/510403/denominators/2021').set(auth(admin)).send({ population: 2 ** 31 }), 422, 'population'],
      [request(app.http).put('/api/v1/targets/510403/99999/popsci.households').set(auth(city)).send({ annual: '1' }), 422, 'path.year'],
      [request(app.http).get('/api/v1/panels/monthly?division=510403&month=0000-01').set(auth(leader)), 422, 'query.month'],
      [request(app.http).post('/api/v1/event-types').set(auth(admin)).send({ code: 'x', name: 'x', sort: 2 ** 31 }), 422, 'sort'],
      [request(app.http).get('/api/v1/users/not-a-uuid').set(auth(admin)), 422, 'path.id'],
      [request(app.http).post('/api/v1/events').set(auth(leader)).send({ title: 'a\ud800b', type: 'lecture', start: '2021-11-10', participants: 1 }), 422, 'title'],
      [request(app.http).post('/api/v1/events').set(auth(leader)).set('Content-Type', 'application/json').send('{"a":'.repeat(5000) + '1' + '}'.repeat(5000)), 422, 'body'],
    ];
    for (const [call, status, field] of cases) {
      const response = await call;
      expect([response.status, response.body.errors?.map((e: { field: string }) => e.field)]).toEqual([status, expect.arrayContaining([field])]);
    }
    const evaluation = (await app.db.query(`SELECT id FROM performance_self_evaluation LIMIT 1`)).rows[0].id as string;
    const filledOn = await request(app.http).patch(`/api/v1/performance/self-evaluations/${evaluation}`).set(auth(leader)).send({ filledOn: '2026-02-30' }).expect(422);
    expect(filledOn.body.errors).toEqual([expect.objectContaining({ field: 'filledOn', code: 'BAD_DATE' })]);
    const large = await request(app.http).post('/api/v1/events').set(auth(leader)).send({ title: 'x'.repeat(1024 * 1024) }).expect(413);
    expect(large.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', params: { limitBytes: 1024 * 1024 } });
  });

  it('should answer what the HTTP layer refuses in the API’s shape and words: no such endpoint, a body that is not JSON, an odd charset, an empty JSON body', async () => {
    const noRoute = await request(app.http).get('/api/v1/no-such-thing?x=1').set(auth(leader)).expect(404);
    expect(noRoute.body).toMatchObject({ code: 'NOT_FOUND', message: '没有这个接口：GET /api/v1/no-such-thing?x=1', messageEn: 'No such endpoint: GET /api/v1/no-such-thing?x=1' });
    expect(noRoute.headers['x-request-id']).toBe(noRoute.body.requestId);
    for (const [type, data] of [['text/plain', 'title=x'], ['application/x-www-form-urlencoded', 'title=x'], ['application/xml', '<x/>']]) {
      const refused = await request(app.http).post('/api/v1/events').set(auth(leader)).set('Content-Type', type).send(data).expect(415);
      expect(refused.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('请求体须为 JSON') });
    }
    const charset = await request(app.http).post('/api/v1/auth/login').set('Content-Type', 'application/json; charset=latin1').send('{"username":"a","password":"b"}').expect(415);
    expect(charset.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const broken = await request(app.http).post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"username":').expect(400);
    expect(broken.body.code).toBe('INVALID_JSON');
    // An empty JSON body is an empty object: the DTO says what is missing.
    const empty = await request(app.http).post('/api/v1/auth/login').set('Content-Type', 'application/json').send('').expect(422);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['username', 'password']));
    // A trailing slash reaches the same route; the security headers are on every answer.
    const me = await request(app.http).get('/api/v1/auth/me/').set(auth(leader)).expect(200);
    expect(me.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN' });
  });

  it('should answer what Fastify refuses before any route in the API’s shape: a URL that cannot be decoded, an over-long path parameter, a malformed request, an unreadable upload', async () => {
    const badUrl = await request(app.http).get('/api/v1/events/%E0%A4%A').set(auth(leader)).expect(400);
    expect(badUrl.body).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('无法解码'), requestId: badUrl.headers['x-request-id'] });
    expect(badUrl.headers['content-security-policy']).toContain("default-src 'self'");
    // A path parameter of any length reaches its route, which names what is wrong with it — the same
    // answer whether the dashboard is built or not (its catch-all route once changed how the router
    // treated an over-long parameter: a 404 with the build, a 414 without).
    const emptyDir = mkdtempSync(join(tmpdir(), 'tianfu-no-web-'));
    const webDir = mkdtempSync(join(tmpdir(), 'tianfu-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>KPI</title>');
    try {
      for (const dir of [emptyDir, webDir]) {
        const other = await startTestApp({ DATABASE_URL: app.databaseUrl, DEMO_DATA: 'false', WEB_DIST_DIR: dir });
        try {
          await request(other.http).get('/some/dashboard/page').expect(dir === webDir ? 200 : 404);
          for (const length of [100, 101, 1000, 1001, 12_000]) {
            const long = await request(other.http).get(`/api/v1/users/${'x'.repeat(length)}`).set(auth(admin));
            expect([length, long.status, long.body.errors]).toEqual([length, 422, [expect.objectContaining({ field: 'path.id' })]]);
          }
        } finally {
          await other.close();
        }
      }
    } finally {
      rmSync(emptyDir, { recursive: true });
      rmSync(webDir, { recursive: true });
    }
    const upload = await request(app.http).post('/api/v1/imports').set(auth(admin)).set('Content-Type', 'multipart/form-data').send('hello').expect(400);
    expect(upload.body).toMatchObject({ code: 'BAD_REQUEST', message: '上传内容不是完整的 multipart/form-data（找不到分隔符）', messageEn: 'The upload is not complete multipart/form-data (no boundary)' });

    // A request Node's parser refuses has no request object: the answer is written on the socket, in the same shape.
    const server = app.http as import('node:http').Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as import('node:net').AddressInfo;
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n'));
        let data = '';
        socket.on('data', (chunk) => (data += chunk));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST', message: '请求格式有误，无法读取' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('should record the peer as the client of a sign-in, and believe X-Forwarded-For only from a proxy TRUST_PROXY names', async () => {
    const loginIp = async (target: TestApp) => {
      await request(target.http).post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.7').send({ username: 'xiqu-staff', password: 'demo1234' }).expect(200);
      return (await target.db.query(`SELECT after->>'ip' AS ip FROM audit_log WHERE action = 'login' ORDER BY id DESC LIMIT 1`)).rows[0].ip as string;
    };
    // Nobody is believed by default: a forged header changes nothing.
    expect(await loginIp(app)).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    const behindProxy = await startTestApp({ TRUST_PROXY: 'loopback' });
    try {
      expect(await loginIp(behindProxy)).toBe('203.0.113.7');
    } finally {
      await behindProxy.close();
    }
  });

  it('should answer 503 with Retry-After when the database goes away mid-request, and recover without a restart', async () => {
    await request(app.http).get('/api/v1/divisions/510403/denominators').set(auth(leader)).expect(200); // session checked and cached
    // Hold the table the request reads, so it is waiting in the database when its connection is cut.
    const holder = new pg.Client({ connectionString: app.databaseUrl });
    await holder.connect();
    await holder.query('BEGIN; LOCK TABLE division_denominator IN ACCESS EXCLUSIVE MODE');
    const pending = request(app.http).get('/api/v1/divisions/510403/denominators').set(auth(leader)).then((r) => r);
    for (let waited = 0; waited < 20_000; waited += 50) {
      const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (rows[0].n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await app.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'tianfu-kpi' AND pid <> pg_backend_pid()`);
    const lost = await pending;
    await holder.query('ROLLBACK');
    await holder.end();
    expect([lost.status, lost.body.code, lost.headers['retry-after']]).toEqual([503, 'DATABASE_UNAVAILABLE', expect.stringMatching(/^\d+$/)]);
    expect(lost.text).not.toMatch(/terminating|57P01|pg_|at /);
    // The pool drops the dead connections and opens new ones.
    await request(app.http).get('/api/v1/divisions/510403/denominators').set(auth(leader)).expect(200);
    await request(app.http).get('/api/health').expect(200);
  });
});
