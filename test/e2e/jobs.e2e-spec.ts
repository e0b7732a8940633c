import request from 'supertest';
import { JobRunner } from '../../apps/api/src/jobs/job-runner.service.js';
import { JOB_NAMES } from '@app/contracts';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';

describe('Scheduled jobs (e2e)', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp();
    // A second api instance on the same database, as a replica would be.
    second = await startTestApp({ DATABASE_URL: first.databaseUrl, DEMO_DATA: 'false' });
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('should run a job once per tick between two instances (advisory lock)', async () => {
    let executions = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const work = async () => {
      executions++;
      await gate;
      return { rows: 1 };
    };
    const a = first.app.get(JobRunner).run('race-test', work, { retries: 0 });
    // The first instance holds the lock once its work has started (a fixed pause could end before that
    // on a loaded machine: the second would take the lock and wait on the gate forever).
    for (const started = Date.now(); executions === 0; await new Promise((resolve) => setTimeout(resolve, 10))) {
      if (Date.now() - started > 30_000) throw new Error('the first run did not start');
    }
    const b = await second.app.get(JobRunner).run('race-test', work, { retries: 0 });
    release();
    expect(b.status).toBe('skipped');
    expect((await a).status).toBe('succeeded');
    expect(executions).toBe(1);
  });

  it('should retry a failing job with back-off and record every attempt', async () => {
    let attempts = 0;
    const result = await first.app.get(JobRunner).run(
      'flaky-test',
      async () => {
        attempts++;
        if (attempts < 3) throw new Error(`attempt ${attempts} failed`);
        return { rows: 7 };
      },
      { retries: 2, backoffMs: 10 },
    );
    expect(result).toMatchObject({ status: 'succeeded', attempts: 3, rows: 7 });
    const { rows } = await first.db.query(`SELECT status, attempt, error FROM job_run WHERE job = 'flaky-test' ORDER BY id`);
    expect(rows).toEqual([
      { status: 'failed', attempt: 1, error: 'attempt 1 failed' },
      { status: 'failed', attempt: 2, error: 'attempt 2 failed' },
      { status: 'succeeded', attempt: 3, error: null },
    ]);
  });

  it('should tell the admins of a job that failed every attempt by the job’s title, not its name', async () => {
    const result = await first.app.get(JobRunner).run('monthly-brief', async () => {
      throw new Error('the brief could not be drawn');
    }, { retries: 0 });
    expect(result.status).toBe('failed');
    const { rows } = await first.db.query(`SELECT title, title_en, body FROM notice WHERE kind = 'job_failed' AND subject = 'monthly-brief'`);
    expect(rows).toEqual([{ title: '定时任务「月度简报」运行失败', title_en: 'The scheduled job "Monthly brief" failed', body: 'the brief could not be drawn' }]);
  });

  it('should list jobs and run the session clean-up on demand for an admin only', async () => {
    const admin = await loginAs(first, 'admin');
    await first.db.query(`INSERT INTO user_session (user_id, expires_at) SELECT id, now() - interval '30 days' FROM app_user WHERE username = 'admin'`);
    const run = await request(first.http).post('/api/v1/jobs/session-cleanup/run').set('Authorization', `Bearer ${admin}`).expect(201);
    expect(run.body).toMatchObject({ status: 'succeeded' });
    expect(run.body.rows).toBeGreaterThanOrEqual(1);
    const list = await request(first.http).get('/api/v1/jobs').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(list.body.jobs).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'session-cleanup', cron: '30 3 * * *' }), expect.objectContaining({ name: 'monthly-close', cron: '0 2 1 * *' })]));
    // Every job the API runs has a title in both languages (the screen and the notices speak them, never the name).
    expect(list.body.jobs.map((j: { name: string }) => j.name).sort()).toEqual([...JOB_NAMES].sort());
    const staff = await loginAs(first, 'xiqu-staff');
    await request(first.http).post('/api/v1/jobs/session-cleanup/run').set('Authorization', `Bearer ${staff}`).expect(403);
  });
});
