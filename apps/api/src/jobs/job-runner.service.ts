import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobRunsRepository } from './job-runs.repository.js';
import { runAs } from '../common/request-context.js';
import { NoticeOutbox } from '../notify/outbox/notice-outbox.js';
import { type JobName, jobTitle, type RunJobResult } from '@app/contracts';
import { tryAdvisoryLock } from '../database/advisory-lock.js';

export interface JobOutcome {
  /** Rows the job touched, if it counts them. */
  rows?: number;
}

const INSTANCE = `${hostname()}:${process.pid}`;

/** A stable 64-bit advisory-lock key per job name. */
export function jobLockKey(job: string): bigint {
  return createHash('sha256').update(`tianfu-kpi:job:${job}`).digest().readBigInt64BE(0);
}

/**
 * Runs a job at most once at a time across every replica (PostgreSQL advisory lock held on one
 * connection for the run), records each run in `job_run`, and retries a failed attempt with
 * exponential back-off. A job's work must be transactional so that a failed attempt leaves the
 * data as it was.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: JobRunsRepository,
    private readonly outbox: NoticeOutbox,
  ) {}

  async run(job: string, work: () => Promise<JobOutcome | void>, options: { retries?: number; backoffMs?: number } = {}): Promise<RunJobResult> {
    const retries = options.retries ?? 2;
    const backoffMs = options.backoffMs ?? 2_000;
    const outcome = await tryAdvisoryLock(this.dataSource, jobLockKey(job), () => this.runAttempts(job, work, retries, backoffMs));
    if (outcome.ran) return outcome.value;
    this.logger.log({ job }, 'Another instance is running this job; skipped');
    return { status: 'skipped', attempts: 0 };
  }

  private async runAttempts(job: string, work: () => Promise<JobOutcome | void>, retries: number, backoffMs: number): Promise<RunJobResult> {
    let lastError = '';
    for (let attempt = 1; attempt <= retries + 1; attempt++) {
      const run = await this.runs.start(job, INSTANCE, attempt);
      try {
        const outcome = await runAs({ actorId: null, actorName: `job:${job}`, requestId: `job-run-${run.id}` }, work);
        await this.runs.finish(run.id, 'succeeded', outcome?.rows ?? null, null);
        return { status: 'succeeded', attempts: attempt, rows: outcome?.rows };
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        await this.runs.finish(run.id, 'failed', null, lastError.slice(0, 2000));
        this.logger.warn({ job, attempt, err: error }, 'Job attempt failed');
        if (attempt <= retries) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
      }
    }
    await this.noticeFailure(job, lastError);
    return { status: 'failed', attempts: retries + 1, error: lastError };
  }

  /** A job that failed every attempt tells the admins, once a day per job (not the delivery job itself: it could not). */
  private async noticeFailure(job: string, error: string): Promise<void> {
    if (job === ('notify-delivery' satisfies JobName)) return;
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await this.dataSource.transaction((manager) => this.outbox.record(manager, {
      kind: 'job_failed', subject: job, period: day, division: '510000', link: '/admin/jobs',
      title: `定时任务「${jobTitle(job, true)}」运行失败`, titleEn: `The scheduled job "${jobTitle(job, false)}" failed`, body: error.slice(0, 500), bodyEn: error.slice(0, 500),
    })).catch((e) => this.logger.warn({ err: e, job }, 'Could not record the job failure notice'));
  }
}
