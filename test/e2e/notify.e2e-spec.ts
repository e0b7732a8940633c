import { jest } from '@jest/globals';
import request from 'supertest';
import { BudgetWatchService } from '../../apps/api/src/budget/budget-watch.service.js';
import { NotifyDeliveryService } from '../../apps/api/src/notify/notify-delivery.service.js';
import { addMonths, shanghaiMonth } from '@app/kpi-core';
import { type InboxPage, type NotifyChannel, type NotifyDelivery } from '@app/contracts';
import { Receivers } from '../support/notify-receivers.js';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

const SECRET = 'SEC0123456789abcdef';
const KEYWORD = '科协';

describe('Notices (e2e)', () => {
  const receivers = new Receivers(SECRET, KEYWORD);
  let first: TestApp;
  let second: TestApp;
  let city: string;
  let subscribedAt = 0;
  const as = (token: string) => ({ get: (p: string) => request(first.http).get(p).set('Authorization', `Bearer ${token}`), post: (p: string) => request(first.http).post(p).set('Authorization', `Bearer ${token}`), put: (p: string) => request(first.http).put(p).set('Authorization', `Bearer ${token}`) });

  beforeAll(async () => {
    await receivers.start();
    const env = { NOTIFY_SMTP_URL: `smtp://127.0.0.1:${receivers.smtpPort}`, NOTIFY_RETRY_BASE_SECONDS: '30', NOTIFY_ROBOT_PER_MINUTE: '4', PUBLIC_BASE_URL: 'https://kpi.example.gov.cn' };
    first = await startTestApp(env);
    second = await startTestApp({ ...env, DATABASE_URL: first.databaseUrl, DEMO_DATA: 'false' });
    city = await loginAs(first, 'panzhihua');
    // The demo's own notices (budget-watch at load) reach the bells before any channel exists.
    await first.app.get(NotifyDeliveryService).run();
  }, 180_000);

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await receivers.stop();
  });

  it('should keep channel secrets write-only and channels to city users and admins', async () => {
    const created = await as(city).post('/api/v1/notify/channels').send({ kind: 'dingtalk', division: '510400', name: '攀枝花市科协群', url: `${receivers.robotUrl}/robot/send?access_token=tok-secret-1234`, secret: SECRET, keyword: KEYWORD, kinds: ['budget_warning_raised', 'event_returned', 'brief_issued'] }).expect(201);
    const channel = created.body as NotifyChannel;
    expect(channel).toMatchObject({ secretSet: true, urlMasked: `${receivers.robotUrl}/robot/send?access_token=…1234` });
    expect(JSON.stringify(created.body)).not.toMatch(/tok-secret-1234|SEC0123/);
    const list = (await as(city).get('/api/v1/notify/channels').expect(200)).body as NotifyChannel[];
    expect(JSON.stringify(list)).not.toMatch(/tok-secret-1234|SEC0123/);
    const leader = await loginAs(first, 'xiqu-leader');
    await as(leader).get('/api/v1/notify/channels').expect(403);
    const bad = await as(city).post('/api/v1/notify/channels').send({ kind: 'email', division: '510403', name: 'x', kinds: [] }).expect(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('kinds');
    const noSmtp = await as(city).post('/api/v1/notify/channels').send({ kind: 'email', division: '510403', name: 'x', kinds: ['brief_issued'] }).expect(422);
    expect(noSmtp.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['smtp', 'to']);
    await as(city).post('/api/v1/notify/channels').send({ kind: 'wecom', division: '510100', name: 'x', url: 'https://x.example', kinds: ['brief_issued'] }).expect(403);
  });

  it('should deliver a budget warning, an event returned and the brief once per channel and subscriber, retrying 500 and rate limits', async () => {
    const staff = await loginAs(first, 'xiqu-staff');
    const leader = await loginAs(first, 'xiqu-leader');
    await as(city).post('/api/v1/notify/channels').send({ kind: 'wecom', division: '510403', name: '西区科协工作群', url: `${receivers.robotUrl}/cgi-bin/webhook/send?key=wecom-key-9999`, kinds: ['budget_warning_raised', 'event_returned', 'brief_issued'] }).expect(201);
    await as(city).post('/api/v1/notify/channels').send({ kind: 'email', division: '510403', name: '西区科协办公室', smtp: { host: '127.0.0.1', port: receivers.smtpPort, from: 'kpi@example.gov.cn' }, to: ['office@xiqu.example'], kinds: ['budget_warning_raised', 'event_returned', 'brief_issued'] }).expect(201);
    subscribedAt = Date.now();
    await as(staff).put('/api/v1/notify/subscriptions').send({ kinds: ['event_returned'], channel: 'email', email: 'staff@xiqu.example' }).expect(200);
    await as(leader).put('/api/v1/notify/subscriptions').send({ kinds: ['budget_warning_raised', 'event_returned', 'brief_issued'], channel: 'email', email: 'leader@xiqu.example' }).expect(200);

    // The causes: budget-watch raises warnings again, a leader returns an event, the city issues a brief.
    await first.db.query(`DELETE FROM budget_warning WHERE project_id IN (SELECT id FROM budget_project WHERE division_code = '510403')`);
    const { raised } = await first.app.get(BudgetWatchService).watch();
    expect(raised).toBeGreaterThan(0);
    const { rows: [event] } = await first.db.query(`SELECT id, title FROM outreach_event WHERE division_code = '510403' AND status = 'submitted' ORDER BY start_date DESC LIMIT 1`);
    await as(leader).post(`/api/v1/events/${event.id}/return`).send({ reason: '缺少签到表' }).expect(200);
    const month = addMonths(shanghaiMonth(new Date()), -1);
    await as(city).post('/api/v1/briefs').send({ division: '510403', month }).expect(201);
    const { rows: notices } = await first.db.query(
      `SELECT id, kind, title FROM notice WHERE division_code = '510403' AND kind IN ('budget_warning_raised', 'event_returned', 'brief_issued') AND fanned_out_at IS NULL ORDER BY kind`,
    );
    expect(notices.map((n) => n.kind)).toEqual([...Array(raised).fill('budget_warning_raised'), 'brief_issued', 'event_returned'].sort());

    // Each robot fails first: WeCom with a 500 then its rate-limit code, DingTalk with a 500.
    receivers.script.wecom.push('http500', 'ratelimit');
    receivers.script.dingtalk.push('http500');
    // Two instances run the delivery at once: one does it, the other finds it locked.
    const now = Date.now();
    const runs = await Promise.all([first.app.get(NotifyDeliveryService).run(new Date(now)), second.app.get(NotifyDeliveryService).run(new Date(now))]);
    expect(runs.filter((r) => r.skipped)).toHaveLength(1);
    // What a run fans out it sends in the same run (not a tick later): the e-mail channel has its mails.
    expect(receivers.mails.filter((m) => m.to.includes('office@xiqu.example'))).toHaveLength(notices.length);
    // At most NOTIFY_ROBOT_PER_MINUTE (4) attempts per robot in the minute.
    expect(receivers.messages.filter((m) => m.robot === 'wecom' && m.msgtype === 'markdown').length).toBeLessThanOrEqual(4);
    for (let step = 1; step <= 8; step++) {
      await Promise.all([first.app.get(NotifyDeliveryService).run(new Date(now + step * 5 * 60_000)), second.app.get(NotifyDeliveryService).run(new Date(now + step * 5 * 60_000))]);
    }
    expect(receivers.problems).toEqual([]);
    const pending = (await as(city).get('/api/v1/notify/deliveries?status=pending').expect(200)).body as NotifyDelivery[];
    expect(pending).toEqual([]);

    for (const notice of notices) {
      const accepted = (robot: string) => receivers.messages.filter((m) => m.robot === robot && m.accepted && m.msgtype === 'markdown' && m.text.includes(notice.title));
      expect(accepted('wecom')).toHaveLength(1);
      expect(accepted('dingtalk')).toHaveLength(1);
      expect(receivers.mails.filter((m) => m.subject === notice.title && m.to.includes('office@xiqu.example'))).toHaveLength(1);
      expect(receivers.mails.filter((m) => m.subject === notice.title && m.to.includes('leader@xiqu.example'))).toHaveLength(1);
      expect(receivers.mails.filter((m) => m.subject === notice.title && m.to.includes('staff@xiqu.example'))).toHaveLength(notice.kind === 'event_returned' ? 1 : 0);
    }
    // Every DingTalk message carries the keyword; the WeCom messages link into the app.
    expect(receivers.messages.filter((m) => m.robot === 'dingtalk').every((m) => m.text.includes(KEYWORD))).toBe(true);
    expect(receivers.messages.some((m) => m.robot === 'wecom' && m.text.includes('https://kpi.example.gov.cn/briefs/'))).toBe(true);
    // The brief: a PDF file to the WeCom group (uploaded once, then sent by media id), attached to the mails.
    expect(receivers.uploads).toHaveLength(1);
    expect(receivers.uploads[0]).toMatchObject({ isPdf: true });
    expect(receivers.messages.filter((m) => m.robot === 'wecom' && m.msgtype === 'file' && m.accepted)).toHaveLength(1);
    const briefTitle = notices.find((n) => n.kind === 'brief_issued')!.title;
    expect(receivers.mails.filter((m) => m.subject === briefTitle).every((m) => m.hasPdf)).toBe(true);
    expect(receivers.mails.filter((m) => m.subject !== briefTitle).some((m) => m.hasPdf)).toBe(false);

    // Every attempt is recorded, the failed ones with the channel's answer.
    const { rows: attempts } = await first.db.query(
      `SELECT a.ok, a.http_status, a.response FROM notify_attempt a JOIN notify_delivery d ON d.id = a.delivery_id JOIN notify_channel c ON c.id = d.channel_id WHERE c.kind = 'wecom' ORDER BY a.at, a.id`,
    );
    expect(attempts.slice(0, 2)).toEqual([
      expect.objectContaining({ ok: false, http_status: 500 }),
      expect.objectContaining({ ok: false, http_status: 200, response: expect.stringContaining('45009') }),
    ]);
    const sent = (await as(city).get('/api/v1/notify/deliveries?status=sent').expect(200)).body as NotifyDelivery[];
    expect(sent.find((d) => d.target.type === 'channel' && d.target.channelKind === 'wecom' && d.attempts >= 2)).toBeDefined();
  }, 180_000);

  it('should show the bell with an unread count and mark notices read', async () => {
    const leader = await loginAs(first, 'xiqu-leader');
    const inbox = (await as(leader).get('/api/v1/notify/inbox').expect(200)).body as InboxPage;
    expect(inbox.unread).toBeGreaterThan(0);
    expect(inbox.items.some((i) => i.kind === 'brief_issued' && i.link?.startsWith('/briefs/'))).toBe(true);
    await as(leader).post('/api/v1/notify/inbox/read').send({ ids: [inbox.items[0].id] }).expect(200);
    expect(((await as(leader).get('/api/v1/notify/inbox').expect(200)).body as InboxPage).unread).toBe(inbox.unread - 1);
    // The staff member subscribed to returned events only: nothing else reaches the bell.
    const staff = await loginAs(first, 'xiqu-staff');
    const kinds = new Set(((await as(staff).get('/api/v1/notify/inbox').expect(200)).body as InboxPage).items.filter((i) => Date.parse(i.createdAt) >= subscribedAt).map((i) => i.kind));
    expect([...kinds]).toEqual(['event_returned']);
    // Someone else's division is refused in a subscription.
    const bad = await as(staff).put('/api/v1/notify/subscriptions').send({ kinds: ['event_returned'], divisions: ['510402'], channel: 'inapp' }).expect(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'divisions[0]', code: 'OUT_OF_SCOPE' });
  });

  it('should resend a delivery on request', async () => {
    // An e-mail one: the robots have had their 4 messages of this minute (a resend to them waits for the next).
    const delivery = ((await as(city).get('/api/v1/notify/deliveries?status=sent').expect(200)).body as NotifyDelivery[]).find((d) => d.target.type === 'user')!;
    const before = receivers.mails.length;
    // The app's clock 2 s behind the database's (another machine's clock; or, within one millisecond,
    // the database's microseconds): the resend is due by the clock the delivery run claims with.
    jest.useFakeTimers({ now: Date.now() - 2_000, advanceTimers: true, doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    try {
      await as(city).post(`/api/v1/notify/deliveries/${delivery.id}/resend`).expect(202);
      // The resend starts a delivery run at once (or the running one picks it up).
      for (let i = 0; i < 300 && receivers.mails.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      jest.useRealTimers();
    }
    expect(receivers.mails.length).toBe(before + 1);
    const leader = await loginAs(first, 'xiqu-leader');
    await as(leader).post(`/api/v1/notify/deliveries/${delivery.id}/resend`).expect(403);
  });
});
