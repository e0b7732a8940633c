import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

describe('platform-sync job (e2e)', () => {
  let first: TestApp;
  let second: TestApp;
  let inbox: string;
  let feed: Server;
  let feedUrl: string;
  // What the fake feed answers next; `gate` holds the answer back while set.
  let answer: { status: number; body: string } = { status: 200, body: '[]' };
  let gate: Promise<void> | null = null;
  let feedRequests = 0;

  const feedDeals = () => first.db.query(`SELECT external_id, kind, division_code, deal_date, amount::text FROM deal WHERE source = 'feed' ORDER BY external_id`).then((r) => r.rows);

  beforeAll(async () => {
    inbox = mkdtempSync(join(tmpdir(), 'tianfu-inbox-'));
    feed = createServer((req, res) => {
      feedRequests++;
      void (gate ?? Promise.resolve()).then(() => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/platform/feed`;
    const env = { PLATFORM_INBOX_DIR: inbox, PLATFORM_FEED_URL: feedUrl };
    first = await startTestApp(env);
    // A second api instance on the same database, as a replica would be.
    second = await startTestApp({ ...env, DATABASE_URL: first.databaseUrl, DEMO_DATA: 'false' });
  }, 60_000);

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await new Promise((resolve) => feed?.close(resolve));
    rmSync(inbox, { recursive: true, force: true });
  });

  it('should be listed with its hourly default schedule', async () => {
    expect(first.app.get(JobSchedulerService).list()).toContainEqual(expect.objectContaining({ name: 'platform-sync', cron: '0 * * * *' }));
  });

  it('should import good inbox files, move bad ones to failed/ with a report, and pull the feed', async () => {
    writeFileSync(join(inbox, 'deals-2021-11.csv'), iconv.encode(csv([HEADER, ['IN-1', '科技服务', '510403', '2021-11-02', '1000'], ['IN-2', '科研项目', '510403', '2021-11-03', '2500000.5']]), 'gbk'));
    writeFileSync(join(inbox, 'popsci-bad.csv'), csv([['区划代码', '日期', '渠道', '服务户数', '服务人次'], ['510403', '2021-02-30', '微信', '-5', '10']]));
    writeFileSync(join(inbox, 'notes.txt'), 'not for us');
    answer = {
      status: 200,
      body: JSON.stringify([
        { dataset: 'deals', rows: [{ externalId: 'F-1', kind: 'tech_service', divisionCode: '510402', dealDate: '2021-10-01', amountYuan: '12.50' }] },
        { dataset: 'deals', rows: [{ 编号: 'F-2', 类型: '科技成果转化', 区县: '仁和区', 成交日期: '2021/10/2', '成交金额(万元)': '150' }] },
        { dataset: 'popsci', rows: [] },
      ]),
    };

    const result = await first.app.get(JobSchedulerService).runNow('platform-sync');
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ status: 'succeeded', rows: 4 });

    expect(readdirSync(inbox).sort()).toEqual(['failed', 'notes.txt', 'processed']);
    expect(readdirSync(join(inbox, 'processed'))).toEqual(['deals-2021-11.csv']);
    expect(readdirSync(join(inbox, 'failed')).sort()).toEqual(['popsci-bad.csv', 'popsci-bad.csv.errors.json']);
    const report = JSON.parse(readFileSync(join(inbox, 'failed', 'popsci-bad.csv.errors.json'), 'utf8'));
    expect(report.errors.map((e: { code: string }) => e.code)).toEqual(['INVALID_DATE', 'INVALID_COUNT']);

    const { rows: inboxDeals } = await first.db.query(`SELECT external_id, amount::text FROM deal WHERE source = 'file' ORDER BY external_id`);
    expect(inboxDeals).toEqual([{ external_id: 'IN-1', amount: '1000.00' }, { external_id: 'IN-2', amount: '2500000.50' }]);
    expect(await feedDeals()).toEqual([
      { external_id: 'F-1', kind: 'tech_service', division_code: '510402', deal_date: '2021-10-01', amount: '12.50' },
      { external_id: 'F-2', kind: 'achievement_transfer', division_code: '510411', deal_date: '2021-10-02', amount: '1500000.00' },
    ]);
    const { rows: batches } = await first.db.query(`SELECT source, status, created_by_name, created_by_division FROM import_batch ORDER BY started_at`);
    expect(batches).toEqual([
      { source: 'inbox', status: 'succeeded', created_by_name: 'job:platform-sync', created_by_division: '510000' },
      { source: 'inbox', status: 'rejected', created_by_name: 'job:platform-sync', created_by_division: '510000' },
      { source: 'feed', status: 'succeeded', created_by_name: 'job:platform-sync', created_by_division: '510000' },
      { source: 'feed', status: 'succeeded', created_by_name: 'job:platform-sync', created_by_division: '510000' },
    ]);
    // The system's batches are in the admin's history, not in a district's.
    const admin = await loginAs(first, 'admin');
    expect((await request(first.http).get('/api/v1/imports').set('Authorization', `Bearer ${admin}`).expect(200)).body.total).toBe(4);
    const staff = await loginAs(first, 'xiqu-staff');
    expect((await request(first.http).get('/api/v1/imports').set('Authorization', `Bearer ${staff}`).expect(200)).body.total).toBe(0);
  }, 30_000);

  it('should run once per tick between two instances (advisory lock)', async () => {
    answer = { status: 200, body: JSON.stringify([{ dataset: 'deals', rows: [{ externalId: 'F-3', kind: 'tech_service', divisionCode: '510421', dealDate: '2021-10-05', amountYuan: '7' }] }]) };
    let release!: () => void;
    gate = new Promise<void>((resolve) => (release = resolve));
    const requestsBefore = feedRequests;
    const a = first.app.get(JobSchedulerService).runNow('platform-sync');
    while (feedRequests === requestsBefore) await new Promise((resolve) => setTimeout(resolve, 20));
    const b = await second.app.get(JobSchedulerService).runNow('platform-sync');
    release();
    gate = null;
    expect(b.status).toBe('skipped');
    expect(await a).toMatchObject({ status: 'succeeded', rows: 1 });
    expect(feedRequests - requestsBefore).toBe(1);
    expect((await feedDeals()).map((d) => d.external_id)).toEqual(['F-1', 'F-2', 'F-3']);
    const { rows } = await first.db.query(`SELECT status, count(*)::int AS n FROM job_run WHERE job = 'platform-sync' GROUP BY status ORDER BY status`);
    expect(rows).toEqual([{ status: 'succeeded', n: 2 }]);
  }, 30_000);

  it('should leave the data as it was when the feed answers garbage, an error or bad rows', async () => {
    const before = await feedDeals();
    const runner = first.app.get(JobSchedulerService);
    for (const garbage of [{ status: 200, body: '<html>not json' }, { status: 200, body: '{"dataset":"deals","rows":{}}' }, { status: 503, body: '{}' }]) {
      answer = garbage;
      // The same work as the schedule, without the back-off of its retries (JobRunner is tested in jobs.e2e-spec).
      const result = await first.app.get(JobRunner).run('platform-sync', () => first.app.get(PlatformSyncJob).handle(), { retries: 0 });
      expect(result.status).toBe('failed');
    }
    answer = { status: 200, body: JSON.stringify({ dataset: 'deals', rows: [{ externalId: 'F-1', kind: 'tech_service', divisionCode: '510402', dealDate: '2021-10-01', amountYuan: '99' }, { externalId: 'F-9', kind: 'tech_service', divisionCode: '510402', dealDate: '2021-02-30', amountYuan: '1' }] }) };
    expect(await runner.runNow('platform-sync')).toMatchObject({ status: 'succeeded', rows: 0 });
    // The same column under two names in one payload refuses the payload, like a file with duplicate columns.
    answer = { status: 200, body: JSON.stringify({ dataset: 'deals', rows: [{ externalId: 'F-1', kind: 'tech_service' }, { 编号: 'F-2' }] }) };
    expect(await runner.runNow('platform-sync')).toMatchObject({ status: 'succeeded', rows: 0 });
    const { rows: [refused] } = await first.db.query(`SELECT status, message FROM import_batch WHERE source = 'feed' ORDER BY started_at DESC LIMIT 1`);
    expect(refused).toEqual({ status: 'rejected', message: expect.stringContaining('duplicates') });
    expect(await feedDeals()).toEqual(before);
    const { rows } = await first.db.query(`SELECT status, rejected FROM import_batch WHERE source = 'feed' ORDER BY started_at DESC OFFSET 1 LIMIT 1`);
    expect(rows).toEqual([{ status: 'rejected', rejected: 1 }]);
  }, 30_000);
});
