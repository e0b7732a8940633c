import request from 'supertest';
import { OPERATION_PERMISSIONS, PERMISSIONS, type Permission } from '@app/contracts';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';
import { installWriteCounter, type Operation, operationsOf, sampleParameter } from '../support/openapi.js';

// The generated access matrix: every operation of the app's own OpenAPI document × every kind of
// caller × the division it targets, against THE permission table (libs/contracts/src/permissions.ts)
// that the guard and the web read too. A refusal must be 401/403/404 (422 only where the request is
// invalid for an admin as well) and write nothing; an allowed call must not be refused. An operation
// missing from the table fails the test, so no new route is forgotten.

type Caller = 'admin' | 'city' | 'leader' | 'staff' | 'otherCity' | 'none' | 'revoked';
type Target = 'own' | 'sibling' | 'otherCity' | 'city' | 'province';

const CALLERS: Caller[] = ['admin', 'city', 'leader', 'staff', 'otherCity', 'none', 'revoked'];
const TARGETS: Record<Target, string> = { own: '510403', sibling: '510402', otherCity: '510100', city: '510400', province: '510000' };
const HOME: Record<Exclude<Caller, 'none' | 'revoked'>, { role: string; division: string }> = {
  admin: { role: 'admin', division: '510000' }, city: { role: 'city', division: '510400' }, leader: { role: 'leader', division: '510403' },
  staff: { role: 'staff', division: '510403' }, otherCity: { role: 'city', division: '510100' },
};
/** The divisions each caller's scope covers (Panzhihua's counties are the only counties of the demo). */
const PANZHIHUA = ['510400', '510402', '510403', '510411', '510421', '510422'];
const SCOPE: Record<Exclude<Caller, 'none' | 'revoked'>, string[] | 'all'> = {
  admin: 'all', city: PANZHIHUA, leader: ['510403'], staff: ['510403'], otherCity: ['510100'],
};

/** Tables of resources addressed by id, and how to find one of a division. */
const RESOURCE_SQL: Array<[RegExp, string, string]> = [
  [/^\/api\/v1\/events\/\{id\}\/attachments\/\{attachmentId\}/, 'attachmentId', `SELECT a.id, a.event_id AS parent FROM event_attachment a JOIN outreach_event e ON e.id = a.event_id WHERE e.division_code = $1 LIMIT 1`],
  [/^\/api\/v1\/events\/\{id\}/, 'id', `SELECT id FROM outreach_event WHERE division_code = $1 ORDER BY (status = 'submitted') DESC, created_at LIMIT 1`],
  [/^\/api\/v1\/budget\/funding-lines\/\{lineId\}/, 'lineId', `SELECT l.id FROM budget_funding_line l JOIN budget_project p ON p.id = l.project_id WHERE p.division_code = $1 LIMIT 1`],
  [/^\/api\/v1\/budget\/payments\/\{paymentId\}/, 'paymentId', `SELECT x.id FROM budget_payment x JOIN budget_project p ON p.id = x.project_id WHERE p.division_code = $1 LIMIT 1`],
  [/^\/api\/v1\/budget\/projects\/\{id\}/, 'id', `SELECT id FROM budget_project WHERE division_code = $1 ORDER BY year LIMIT 1`],
  [/^\/api\/v1\/performance\/projects\/\{projectId\}/, 'projectId', `SELECT id FROM budget_project WHERE division_code = $1 ORDER BY year LIMIT 1`],
  [/^\/api\/v1\/performance\/indicators\/\{id\}/, 'id', `SELECT i.id FROM performance_indicator i JOIN budget_project p ON p.id = i.project_id WHERE p.division_code = $1 LIMIT 1`],
  [/^\/api\/v1\/performance\/self-evaluations\/\{id\}/, 'id', `SELECT s.id FROM performance_self_evaluation s JOIN budget_project p ON p.id = s.project_id WHERE p.division_code = $1 LIMIT 1`],
  [/^\/api\/v1\/accounts\/findings\/\{id\}/, 'id', `SELECT id FROM consistency_finding WHERE division_code = $1 LIMIT 1`],
  [/^\/api\/v1\/imports\/\{id\}/, 'id', `SELECT b.id FROM import_batch b JOIN app_user u ON u.id = b.created_by WHERE u.division_code = $1 LIMIT 1`],
  [/^\/api\/v1\/users\/\{id\}/, 'id', `SELECT id FROM app_user WHERE username = 'dongqu-staff' AND $1::text IS NOT NULL`],
];

/** Bodies that reach the scope check (a valid request) where the division is in the body or the path. */
const BODIES: Record<string, (division: string) => Record<string, unknown>> = {
  'POST /api/v1/auth/login': () => ({ username: 'dongqu-staff', password: 'demo1234' }),
  'POST /api/v1/events': (division) => ({ title: '权限矩阵测试活动', type: 'lecture', start: '2021-11-10', division, participants: 10 }),
  'PUT /api/v1/targets/{division}/{year}/{metric}': () => ({ annual: '100' }),
  'PUT /api/v1/divisions/{code}/denominators/{year}': () => ({ population: 1000 }),
  'POST /api/v1/rankings/publish': (division) => ({ city: division, month: '2021-10' }),
  'POST /api/v1/rankings/drafts': (division) => ({ city: division, month: '2021-10' }),
  'POST /api/v1/events/{id}/return': () => ({ reason: '权限矩阵测试' }),
};

const divisionParameters = new Set(['division', 'city', 'code', 'divisionCode']);

interface Case { caller: Caller; target: Target | null; status: number; expected: 'allow' | 'deny'; writes: number; note: string; leaked: boolean; probe: boolean; list: boolean }

describe('Access matrix: every operation × caller × division (e2e)', () => {
  let app: TestApp;
  let operations: Operation[];
  let writes: () => Promise<number>;
  const tokens: Partial<Record<Caller, string>> = {};
  const results: Array<Case & { key: string }> = [];

  beforeAll(async () => {
    app = await startTestApp();
    operations = operationsOf(app.app).operations;
    const admin = await loginAs(app, 'admin');
    await request(app.http).post('/api/v1/users').set('Authorization', `Bearer ${admin}`)
      .send({ username: 'chengdu-city', displayName: '成都市科协 矩阵测试', password: 'chengdu-2021', role: 'city', divisionCode: '510100' }).expect(201);
    for (const caller of ['admin', 'city', 'leader', 'staff'] as const) {
      tokens[caller] = await loginAs(app, { admin: 'admin', city: 'panzhihua', leader: 'xiqu-leader', staff: 'xiqu-staff' }[caller]);
    }
    tokens.otherCity = await loginAs(app, 'chengdu-city', 'chengdu-2021');
    tokens.revoked = await loginAs(app, 'xiqu-leader');
    await request(app.http).post('/api/v1/auth/logout').set('Authorization', `Bearer ${tokens.revoked}`).expect(204);
    // Resources of the other divisions, copied from West District's (the demo's district), so that
    // "another district's event / project" exists to be refused.
    for (const division of ['510402', '510100', '510400']) {
      await app.db.query(
        `INSERT INTO budget_project SELECT (jsonb_populate_record(NULL::budget_project, to_jsonb(p) || jsonb_build_object('id', gen_random_uuid(), 'division_code', $1::text, 'code', p.code || '-' || $1::text))).*
           FROM budget_project p WHERE division_code = '510403' ORDER BY year LIMIT 1`, [division]);
      await app.db.query(
        `INSERT INTO outreach_event SELECT (jsonb_populate_record(NULL::outreach_event, to_jsonb(e) || jsonb_build_object('id', gen_random_uuid(), 'division_code', $1::text, 'project_id', null))).*
           FROM outreach_event e WHERE division_code = '510403' AND status = 'submitted' LIMIT 1`, [division]);
    }
    writes = await installWriteCounter(app.db);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const may = (caller: Caller, permission: Permission, target: string | null): boolean => {
    if (permission.scope === 'public') return true;
    if (caller === 'none' || caller === 'revoked') return false;
    const home = HOME[caller];
    if (!permission.roles.includes(home.role as never)) return false;
    if (permission.scope === 'division' && target) {
      const scope = SCOPE[caller];
      return scope === 'all' || scope.includes(target);
    }
    if (permission.scope === 'ranking' && target) {
      // A city's users, admin, and the districts of that city.
      return caller === 'admin' || (home.role === 'city' ? home.division === target : target === '510400');
    }
    return true;
  };

  async function resourceIds(operation: Operation, division: string): Promise<Record<string, string> | null> {
    const ids: Record<string, string> = {};
    for (const [pattern, name, sql] of RESOURCE_SQL) {
      if (!pattern.test(operation.path) || !operation.path.includes(`{${name}}`) || ids[name]) continue;
      const row = (await app.db.query<{ id: string; parent?: string }>(sql, [division])).rows[0];
      if (!row) return null;
      ids[name] = row.id;
      if (row.parent) ids.id = row.parent;
    }
    return ids;
  }

  function send(operation: Operation, path: string, query: Record<string, string>, body: Record<string, unknown> | undefined, token: string | undefined) {
    let call = request(app.http)[operation.method.toLowerCase() as 'get'](path).query(query);
    if (token) call = call.set('Authorization', `Bearer ${token}`);
    if (operation.body) call = call.send(body ?? {});
    return call;
  }

  it('should list every operation of the OpenAPI document in the permission table', () => {
    expect(operations.length).toBeGreaterThan(80);
    const missing = operations.map((o) => o.key).filter((key) => !OPERATION_PERMISSIONS[key]);
    expect(missing).toEqual([]);
    const stale = Object.keys(OPERATION_PERMISSIONS).filter((key) => !operations.some((o) => o.key === key));
    expect(stale).toEqual([]);
  });

  it('should answer every caller and division as the table says, writing nothing on a refusal', async () => {
    // Reads first, then writes, deletions last (a deletion removes what later cases address).
    const order = (o: Operation) => (o.method === 'GET' ? 0 : o.method === 'DELETE' ? 2 : 1);
    for (const operation of [...operations].sort((a, b) => order(a) - order(b))) {
      const permission: Permission | undefined = PERMISSIONS[OPERATION_PERMISSIONS[operation.key]];
      if (!permission) continue; // reported by the test above
      // The division is a dimension where the request names one: in its path, its query, its body or the resource it addresses.
      const namesDivision = /\{(division|code|id|projectId|lineId|paymentId|attachmentId)\}/.test(operation.path)
        || operation.parameters.some((p) => p.in === 'query' && divisionParameters.has(p.name)) || !!BODIES[operation.key]?.('x').division || !!BODIES[operation.key]?.('x').city;
      const divisional = (permission.scope === 'division' || permission.scope === 'ranking') && namesDivision;
      // A list filtered by a division answers a division outside the scope with nothing of it (200), not 403.
      const list = operation.method === 'GET' && !/\{\w+\}/.test(operation.path);
      // Without a valid body the request may fail validation (422) before its scope is checked.
      const probe = !!operation.body && !BODIES[operation.key];
      for (const target of divisional ? (Object.keys(TARGETS) as Target[]) : [null]) {
        const division = TARGETS[target ?? 'own'];
        const ids = await resourceIds(operation, division);
        if (!ids) continue; // no such resource in that division
        const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? sampleParameter(name, division));
        const query: Record<string, string> = {};
        for (const parameter of operation.parameters) {
          if (parameter.in === 'query' && (parameter.required || divisionParameters.has(parameter.name))) query[parameter.name] = sampleParameter(parameter.name, division);
        }
        const body = BODIES[operation.key]?.(division);
        let adminStatus = 0;
        for (const caller of CALLERS) {
          // Signing out ends the session: each caller signs out a session of its own.
          const token = operation.key === 'POST /api/v1/auth/logout' && !['none', 'revoked'].includes(caller)
            ? await loginAs(app, { admin: 'admin', city: 'panzhihua', leader: 'xiqu-leader', staff: 'xiqu-staff', otherCity: 'chengdu-city' }[caller as 'admin'], caller === 'otherCity' ? 'chengdu-2021' : undefined)
            : tokens[caller];
          const before = await writes();
          const response = await send(operation, path, query, body, token);
          const written = (await writes()) - before - 1;
          if (caller === 'admin') adminStatus = response.status;
          const expected = may(caller, permission, divisional ? division : null) ? 'allow' : 'deny';
          const leaked = response.status === 200 && /json/.test(String(response.headers['content-type'])) && target !== 'own' && JSON.stringify(response.body).includes(`"${division}"`);
          results.push({ key: operation.key, caller, target, status: response.status, expected, writes: written, note: response.status >= 500 ? JSON.stringify(response.body) : String(adminStatus), leaked, probe, list });
        }
      }
    }

    const wrong = results.filter((r) => {
      if (r.status >= 500) return true;
      if (r.expected === 'allow') return r.status === 401 || r.status === 403;
      if (r.writes !== 0) return true;
      if (r.caller === 'none' || r.caller === 'revoked') return r.status !== 401;
      if (r.list && r.status === 200) return r.leaked;
      // A request invalid for everyone (the admin got 422 too, or no valid body was sent) may be refused by validation first.
      return !([403, 404].includes(r.status) || (r.status === 422 && (r.note === '422' || r.probe)));
    });
    expect(wrong.map((r) => `${r.key} as ${r.caller} on ${r.target ?? '-'}: ${r.status} (expected ${r.expected}${r.writes ? `, ${r.writes} rows written` : ''}) ${r.note}`)).toEqual([]);
    expect(results.length).toBeGreaterThan(1500);
  }, 240_000);
});
