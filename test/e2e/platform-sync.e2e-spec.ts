import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import request from 'supertest';
import { PlatformSyncJob } from '../../apps/api/src/imports/jobs/platform-sync.job.js';
import { JobRunner } from '../../apps/api/src/jobs/job-runner.service.js';
import { JobSchedulerService } from '../../apps/api/src/jobs/job-scheduler.service.js';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

const csv = (rows: string[][]) => rows.map((row) => row.join(',')).join('\r\n') + '\r\n';
const HEADER = ['编号', '类型', '区划代码', '成交日期', '成交金额(元)'];
const FEED_TIMEOUT_MS = 3000;

interface FeedRequest {
  path: string;
  since: string | null;
  page: string | null;
  authorization: string | undefined;
}
type FeedAnswer = { status: number; body: string } | 'hang';
const page = (batches: unknown[], nextPage: number | null, cursor: string): FeedAnswer => ({ status: 200, body: JSON.stringify({ batches, nextPage, cursor }) });
const emptyPage = (cursor: string) => page([], null, cursor);

describe('platform-sync job (e2e)', () => {
  let first: TestApp;
  let second: TestApp;
  let inbox: string;
  let feed: Server;
  let feedUrl: string;
  // What the fake feed answers for page n (1-based); `gate` holds every answer back while set.
  let answers: (pageNumber: number) => FeedAnswer = () => emptyPage('c0');
  let gate: Promise<void> | null = null;
  const requests: FeedRequest[] = [];

  const feedDeals = () => first.db.query(`SELECT external_id, kind, division_code, deal_date, amount::text FROM deal WHERE source = 'feed' ORDER BY external_id`).then((r) => r.rows);
  const storedCursor = () => first.db.query(`SELECT cursor FROM platform_sync_state`).then((r) => r.rows.map((row: { cursor: string }) => row.cursor));
  const runOnce = () => first.app.get(JobRunner).run('platform-sync', () => first.app.get(PlatformSyncJob).handle(), { retries: 0 });

  beforeAll(async () => {
    inbox = mkdtempSync(join(tmpdir(), 'tianfu-inbox-'));
    feed = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push({ path: url.pathname, since: url.searchParams.get('since'), page: url.searchParams.get('page'), authorization: req.headers.authorization });
      const answer = answers(Number(url.searchParams.get('page')));
      void (gate ?? Promise.resolve()).then(() => {
        if (answer === 'hang') return; // never answers: the client must time out
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/platform/feed`;
    const env = {
      PLATFORM_INBOX_DIR: inbox, PLATFORM_INBOX_SETTLE_SECONDS: '0',
      PLATFORM_FEED_URL: feedUrl, PLATFORM_FEED_TOKEN: 'feed-secret', PLATFORM_FEED_TIMEOUT_MS: String(FEED_TIMEOUT_MS),
    };
    first = await startTestApp(env);
    // A second api instance on the same database, as a replica would be.
    second = await startTestApp({ ...env, DATABASE_URL: first.databaseUrl, DEMO_DATA: 'false' });
  }, 60_000);

  afterAll(async () => {
    await second?.close();
    await first?.close();
    feed?.closeAllConnections();
    await new Promise((resolve) => feed?.close(resolve));
    rmSync(inbox, { recursive: true, force: true });
  });

  it('should be listed with its hourly default schedule', async () => {
    expect(first.app.get(JobSchedulerService).list()).toContainEqual(expect.objectContaining({ name: 'platform-sync', cron: '0 * * * *' }));
  });

  it('should move inbox files to done/ or failed/ with a report beside them when the run imports them', async () => {
    writeFileSync(join(inbox, 'deals-2021-11.csv'), iconv.encode(csv([HEADER, ['IN-1', '科技服务', '510403', '2021-11-02', '1000'], ['IN-2', '科研项目', '510403', '2021-11-03', '2500000.5']]), 'gbk'));
    writeFileSync(join(inbox, 'popsci-bad.csv'), csv([['区划代码', '日期', '渠道', '服务户数', '服务人次'], ['510403', '2021-02-30', '微信', '-5', '10']]));
    writeFileSync(join(inbox, 'notes.txt'), 'not for us');
    // Still being copied (modified "now" as far as the settle time goes): left for the next run.
    writeFileSync(join(inbox, 'listings-copying.csv'), csv([['编号', '类型', '区划代码', '发布日期'], ['L-1', '科技所需', '510403', '2021-11-01']]));
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(inbox, 'listings-copying.csv'), future, future);
    answers = () => emptyPage('c0');

    const result = await first.app.get(JobSchedulerService).runNow('platform-sync');
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ status: 'succeeded', rows: 2 });

    expect(readdirSync(inbox).sort()).toEqual(['done', 'failed', 'listings-copying.csv', 'notes.txt']);
    expect(readdirSync(join(inbox, 'done')).sort()).toEqual(['deals-2021-11.csv', 'deals-2021-11.csv.report.json']);
    const done = JSON.parse(readFileSync(join(inbox, 'done', 'deals-2021-11.csv.report.json'), 'utf8'));
    expect(done).toMatchObject({ file: 'deals-2021-11.csv', dataset: 'deals', status: 'done', batchId: expect.any(String), rows: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(readdirSync(join(inbox, 'failed')).sort()).toEqual(['popsci-bad.csv', 'popsci-bad.csv.report.json']);
    const failed = JSON.parse(readFileSync(join(inbox, 'failed', 'popsci-bad.csv.report.json'), 'utf8'));
    expect(failed).toMatchObject({ file: 'popsci-bad.csv', dataset: 'popsci', status: 'failed', rows: 1, inserted: 0, rejected: 1 });
    expect(failed.errors.map((e: { code: string }) => e.code)).toEqual(['INVALID_DATE', 'INVALID_COUNT']);

    const { rows: inboxDeals } = await first.db.query(`SELECT external_id, amount::text FROM deal WHERE source = 'file' ORDER BY external_id`);
    expect(inboxDeals).toEqual([{ external_id: 'IN-1', amount: '1000.00' }, { external_id: 'IN-2', amount: '2500000.50' }]);
    const { rows: batches } = await first.db.query(`SELECT source, status, created_by_name, created_by_division FROM import_batch ORDER BY started_at`);
    expect(batches).toEqual([
      { source: 'inbox', status: 'succeeded', created_by_name: 'job:platform-sync', created_by_division: '510000' },
      { source: 'inbox', status: 'rejected', created_by_name: 'job:platform-sync', created_by_division: '510000' },
    ]);
    // The system's batches are in the admin's history, not in a district's.
    const admin = await loginAs(first, 'admin');
    expect((await request(first.http).get('/api/v1/imports').set('Authorization', `Bearer ${admin}`).expect(200)).body.total).toBe(2);
    const staff = await loginAs(first, 'xiqu-staff');
    expect((await request(first.http).get('/api/v1/imports').set('Authorization', `Bearer ${staff}`).expect(200)).body.total).toBe(0);

    // Once settled, the next run takes the late file.
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(inbox, 'listings-copying.csv'), past, past);
    expect(await first.app.get(JobSchedulerService).runNow('platform-sync')).toMatchObject({ status: 'succeeded', rows: 1 });
    expect(existsSync(join(inbox, 'done', 'listings-copying.csv.report.json'))).toBe(true);
    expect(await storedCursor()).toEqual(['c0']);
  }, 30_000);

  it('should follow the feed pages, store the cursor and ask only for what is new on the next run', async () => {
    answers = (n) =>
      n === 1
        ? page([{ dataset: 'deals', rows: [{ externalId: 'F-1', kind: 'tech_service', divisionCode: '510402', dealDate: '2021-10-01', amountYuan: '12.50' }] }], 2, 'ignored-until-last-page')
        : page([
          { dataset: 'deals', rows: [{ externalId: 'F-2', kind: '科技成果转化', division: '仁和区', dealDate: '2021/10/2', amountYuan: '1500000' }] },
          { dataset: 'popsci', rows: [{ 区县: '西区', 日期: '2021-10-03', 渠道: '微信', 服务户数: '3', 服务人次: '40' }] },
        ], null, 'cursor-2');
    requests.length = 0;

    expect(await first.app.get(JobSchedulerService).runNow('platform-sync')).toMatchObject({ status: 'succeeded', rows: 3 });
    expect(requests).toEqual([
      { path: '/platform/feed', since: 'c0', page: '1', authorization: 'Bearer feed-secret' },
      { path: '/platform/feed', since: 'c0', page: '2', authorization: 'Bearer feed-secret' },
    ]);
    expect(await feedDeals()).toEqual([
      { external_id: 'F-1', kind: 'tech_service', division_code: '510402', deal_date: '2021-10-01', amount: '12.50' },
      { external_id: 'F-2', kind: 'achievement_transfer', division_code: '510411', deal_date: '2021-10-02', amount: '1500000.00' },
    ]);
    // One batch per dataset of the run: both pages' deals together.
    const { rows: feedBatches } = await first.db.query(`SELECT dataset, status, rows, inserted FROM import_batch WHERE source = 'feed' ORDER BY started_at`);
    expect(feedBatches).toEqual([{ dataset: 'deals', status: 'succeeded', rows: 2, inserted: 2 }, { dataset: 'popsci', status: 'succeeded', rows: 1, inserted: 1 }]);
    expect(await storedCursor()).toEqual(['cursor-2']);

    answers = () => emptyPage('cursor-3');
    requests.length = 0;
    expect(await first.app.get(JobSchedulerService).runNow('platform-sync')).toMatchObject({ status: 'succeeded', rows: 0 });
    expect(requests.map((r) => [r.since, r.page])).toEqual([['cursor-2', '1']]);
    expect(await storedCursor()).toEqual(['cursor-3']);
  }, 30_000);

  it('should run once per tick between two instances (advisory lock)', async () => {
    answers = () => page([{ dataset: 'deals', rows: [{ externalId: 'F-3', kind: 'tech_service', divisionCode: '510421', dealDate: '2021-10-05', amountYuan: '7' }] }], null, 'cursor-4');
    let release!: () => void;
    gate = new Promise<void>((resolve) => (release = resolve));
    const requestsBefore = requests.length;
    const a = first.app.get(JobSchedulerService).runNow('platform-sync');
    while (requests.length === requestsBefore) await new Promise((resolve) => setTimeout(resolve, 20));
    const b = await second.app.get(JobSchedulerService).runNow('platform-sync');
    release();
    gate = null;
    expect(b.status).toBe('skipped');
    expect(await a).toMatchObject({ status: 'succeeded', rows: 1 });
    expect(requests.length - requestsBefore).toBe(1);
    expect((await feedDeals()).map((d) => d.external_id)).toEqual(['F-1', 'F-2', 'F-3']);
    const { rows } = await first.db.query(`SELECT status, count(*)::int AS n FROM job_run WHERE job = 'platform-sync' GROUP BY status ORDER BY status`);
    expect(rows).toEqual([{ status: 'succeeded', n: 5 }]);
  }, 30_000);

  it('should fail the run, record the error and write nothing when the feed times out', async () => {
    const before = await feedDeals();
    answers = (n) => (n === 1 ? page([{ dataset: 'deals', rows: [{ externalId: 'F-T', kind: 'tech_service', divisionCode: '510402', dealDate: '2021-10-01', amountYuan: '1' }] }], 2, 'never') : 'hang');
    const started = Date.now();
    const result = await runOnce();
    expect(result).toMatchObject({ status: 'failed', error: expect.stringContaining(`did not answer within ${FEED_TIMEOUT_MS} ms (page 2)`) });
    expect(Date.now() - started).toBeLessThan(FEED_TIMEOUT_MS + 2000);
    const { rows: [run] } = await first.db.query(`SELECT status, error FROM job_run WHERE job = 'platform-sync' ORDER BY id DESC LIMIT 1`);
    expect(run).toEqual({ status: 'failed', error: expect.stringContaining('did not answer within') });
    expect(await feedDeals()).toEqual(before);
    expect(await storedCursor()).toEqual(['cursor-4']);
  }, 30_000);

  it('should fail the run with a clear error and write nothing when the feed answers garbage, an error or bad rows', async () => {
    const before = await feedDeals();
    const batchesBefore = (await first.db.query(`SELECT count(*)::int AS n FROM import_batch`)).rows[0].n;
    const good = page([{ dataset: 'deals', rows: [{ externalId: 'F-1', kind: 'tech_service', divisionCode: '510402', dealDate: '2021-10-01', amountYuan: '99' }] }], 2, 'p1');
    const cases: Array<[(n: number) => FeedAnswer, RegExp]> = [
      [() => ({ status: 200, body: '<html>not json' }), /page 1 is not JSON/],
      [() => ({ status: 200, body: '{"dataset":"deals","rows":[]}' }), /page 1: batches must be an array/],
      [() => ({ status: 200, body: '{"batches":[{"dataset":"deals","rows":{}}],"nextPage":null,"cursor":"x"}' }), /rows must be an array/],
      [() => ({ status: 503, body: '{}' }), /HTTP 503 \(page 1\)/],
      // Page 1 is fine, page 2 is garbage: page 1's rows are not written either.
      [(n) => (n === 1 ? good : { status: 200, body: 'null' }), /page 2 is not an object/],
    ];
    for (const [answer, error] of cases) {
      answers = answer;
      const result = await runOnce();
      expect(result).toMatchObject({ status: 'failed', error: expect.stringMatching(error) });
    }
    // Nothing got as far as an import batch.
    expect((await first.db.query(`SELECT count(*)::int AS n FROM import_batch`)).rows[0].n).toBe(batchesBefore);

    // Bad rows in one dataset refuse every dataset of the run; the refusal is recorded as a batch.
    answers = () => page([
      { dataset: 'deals', rows: [{ externalId: 'F-1', kind: 'tech_service', divisionCode: '510402', dealDate: '2021-10-01', amountYuan: '99' }] },
      { dataset: 'listings', rows: [{ externalId: 'L-9', kind: 'need', divisionCode: '510402', listedDate: '2021-02-30' }] },
    ], null, 'bad');
    expect(await runOnce()).toMatchObject({ status: 'failed', error: expect.stringMatching(/feed data refused.*listings/) });
    const { rows: [refused] } = await first.db.query(`SELECT dataset, status, rejected FROM import_batch WHERE source = 'feed' ORDER BY started_at DESC LIMIT 1`);
    expect(refused).toEqual({ dataset: 'listings', status: 'rejected', rejected: 1 });
    // The same column under two names in one payload refuses it, like a file with duplicate columns.
    answers = () => page([{ dataset: 'deals', rows: [{ externalId: 'F-1', kind: 'tech_service' }, { 编号: 'F-2' }] }], null, 'dup');
    expect(await runOnce()).toMatchObject({ status: 'failed', error: expect.stringContaining('duplicates') });

    expect(await feedDeals()).toEqual(before);
    expect((await first.db.query(`SELECT count(*)::int AS n FROM listing WHERE source = 'feed'`)).rows[0].n).toBe(0);
    expect(await storedCursor()).toEqual(['cursor-4']);
  }, 30_000);

  it('should write no dataset of the feed and keep the cursor when the second dataset fails in the database', async () => {
    const before = await feedDeals();
    const popsciBefore = (await first.db.query(`SELECT count(*)::int AS n FROM popsci_service WHERE source = 'feed'`)).rows[0].n;
    answers = () => page([
      { dataset: 'deals', rows: [{ externalId: 'F-TX', kind: 'tech_service', divisionCode: '510403', dealDate: '2021-10-07', amountYuan: '88' }] },
      { dataset: 'popsci', rows: [{ 区县: '西区', 日期: '2021-10-07', 渠道: '线下', 服务户数: '2', 服务人次: '9' }] },
    ], null, 'cursor-tx');
    await first.db.query(`
      CREATE FUNCTION fail_popsci_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected popsci failure'; END $$;
      CREATE TRIGGER fail_popsci_insert BEFORE INSERT ON popsci_service FOR EACH ROW EXECUTE FUNCTION fail_popsci_insert();`);
    try {
      expect(await runOnce()).toMatchObject({ status: 'failed', error: expect.stringContaining('injected popsci failure') });
    } finally {
      await first.db.query(`DROP TRIGGER fail_popsci_insert ON popsci_service; DROP FUNCTION fail_popsci_insert();`);
    }
    // The deals of the same run were imported first, in the same transaction: rolled back too.
    expect(await feedDeals()).toEqual(before);
    expect((await first.db.query(`SELECT count(*)::int AS n FROM popsci_service WHERE source = 'feed'`)).rows[0].n).toBe(popsciBefore);
    expect(await storedCursor()).toEqual(['cursor-4']);
    // Both attempts stay in the history as failed, recorded after the rollback.
    const { rows: attempts } = await first.db.query(
      `SELECT dataset, status, rows, inserted, message FROM import_batch WHERE source = 'feed' ORDER BY started_at DESC, dataset LIMIT 2`,
    );
    expect(attempts.sort((a: { dataset: string }, b: { dataset: string }) => a.dataset.localeCompare(b.dataset))).toEqual([
      { dataset: 'deals', status: 'failed', rows: 1, inserted: 0, message: expect.stringMatching(/nothing written.*rolled back with the rest of the feed run, because popsci: .*injected popsci failure/) },
      { dataset: 'popsci', status: 'failed', rows: 1, inserted: 0, message: expect.stringMatching(/nothing written.*injected popsci failure/) },
    ]);

    // Once the database accepts the rows, the next run imports both datasets and moves the cursor.
    expect(await runOnce()).toMatchObject({ status: 'succeeded', rows: 2 });
    expect((await feedDeals()).map((d) => d.external_id)).toEqual([...before.map((d: { external_id: string }) => d.external_id), 'F-TX']);
    expect(await storedCursor()).toEqual(['cursor-tx']);
  }, 30_000);
});
