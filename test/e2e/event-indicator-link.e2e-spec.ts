// Issue 13 §4 and §1 (server side): an event names its budget project (by id or by the code the budget page shows,
// of the event's year) and the indicators it counts toward; an events-bound indicator counts exactly the approved
// events linked to it. An in-year self-evaluation is submitted only on purpose (early: true).
import request from 'supertest';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

describe('Event → budget indicator link (e2e)', () => {
  let app: TestApp;
  let staff: string;
  let leader: string;
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const get = (path: string, token = staff) => request(app.http).get(`/api/v1${path}`).set(auth(token));
  const base = { title: '科普经费活动：科普进社区', type: 'community', start: today, venue: '清香坪街道路北社区', participants: 40, personTimes: 40, materials: 10 };

  let fund: { id: string; code: string };
  let quantity: { id: string; actualValue: string | null };

  const quantityActual = async () =>
    ((await get(`/performance/projects/${fund.id}/indicators`).expect(200)).body as Array<{ id: string; actualValue: string | null }>).find((i) => i.id === quantity.id)!.actualValue;
  const approve = async (body: Record<string, unknown>) => {
    const created = await request(app.http).post('/api/v1/events').set(auth(staff)).send({ ...base, ...body }).expect(201);
    await request(app.http).post(`/api/v1/events/${created.body.id}/submit`).set(auth(staff)).expect(200);
    await request(app.http).post(`/api/v1/events/${created.body.id}/approve`).set(auth(leader)).expect(200);
    return created.body as { id: string; projectId: string | null; indicatorIds: string[] };
  };

  beforeAll(async () => {
    app = await startTestApp();
    [staff, leader] = await Promise.all([loginAs(app, 'xiqu-staff'), loginAs(app, 'xiqu-leader')]);
    const projects = (await get('/budget/projects').expect(200)).body as Array<{ id: string; code: string }>;
    fund = projects.find((p) => p.code === `510403-${year}-KPJF`)!;
    const indicators = (await get(`/performance/projects/${fund.id}/indicators`).expect(200)).body as Array<{ id: string; actualValue: string | null; binding: { kind: string } }>;
    quantity = indicators.find((i) => i.binding.kind === 'events')!;
  }, 90_000);

  afterAll(async () => {
    await app?.close();
  });

  it('should count the demo’s campaign events through their indicator link, and list them by indicator', async () => {
    const listed = (await get(`/events?indicatorId=${quantity.id}&status=approved&pageSize=100`).expect(200)).body as { total: number };
    expect(Number(quantity.actualValue)).toBe(listed.total);
  });

  it('should accept the project code the budget page shows, and count an approved event toward the indicator it names, and only that', async () => {
    const before = Number(await quantityActual());
    const linked = await approve({ projectId: fund.code, indicatorIds: [quantity.id] });
    expect(linked.projectId).toBe(fund.id);
    expect(await quantityActual()).toBe(String(before + 1));

    // Of the project but not linked to the indicator: not counted.
    const projectOnly = await approve({ projectId: fund.id, indicatorIds: [], title: '科普经费活动：只关联项目' });
    expect(projectOnly.projectId).toBe(fund.id);
    expect(await quantityActual()).toBe(String(before + 1));

    // Returned (no longer approved): it stops counting.
    await request(app.http).post(`/api/v1/events/${linked.id}/return`).set(auth(leader)).send({ reason: '照片不清晰，请补充' }).expect(200);
    expect(await quantityActual()).toBe(String(before));
  });

  it('should refuse a project of another year and an unknown code, naming projectId', async () => {
    const otherYear = await request(app.http).post('/api/v1/events').set(auth(staff)).send({ ...base, projectId: '510403-2021-KPJF' }).expect(422);
    expect(otherYear.body.errors).toEqual([expect.objectContaining({ field: 'projectId' })]);
    const unknown = await request(app.http).post('/api/v1/events').set(auth(staff)).send({ ...base, projectId: 'NO-SUCH-PROJECT' }).expect(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'projectId' })]);
  });

  it('should submit an in-year self-evaluation only when asked to submit early', async () => {
    const evaluations = (await get(`/performance/self-evaluations?year=${year}`).expect(200)).body as Array<{ id: string; projectId: string; yearInProgress: boolean }>;
    const evaluation = evaluations.find((e) => e.projectId === fund.id)!;
    expect(evaluation.yearInProgress).toBe(true);
    const refused = await request(app.http).post(`/api/v1/performance/self-evaluations/${evaluation.id}/submit`).set(auth(staff)).send({}).expect(409);
    expect(refused.body).toMatchObject({ code: 'YEAR_IN_PROGRESS', errors: [expect.objectContaining({ field: 'early' })] });
    const early = await request(app.http).post(`/api/v1/performance/self-evaluations/${evaluation.id}/submit`).set(auth(staff)).send({ early: true });
    // Early, the rules still ask their reasons (422 naming them) or it is submitted.
    expect([200, 422]).toContain(early.status);
    if (early.status === 200) expect(early.body.status).toBe('submitted');
  });
});
