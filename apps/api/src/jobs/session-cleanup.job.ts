import { Injectable } from '@nestjs/common';
import { JobRunsRepository } from './job-runs.repository.js';
import { LoginThrottleRepository } from '../auth/login-throttle.repository.js';
import { SessionsRepository } from '../users/sessions.repository.js';
import { type JobName } from '@app/contracts';

export const SESSION_CLEANUP_JOB: JobName = 'session-cleanup';
const DAY = 24 * 60 * 60 * 1000;

/** Daily housekeeping: ended sessions after 7 days, stale sign-in counters, job runs after 90 days. */
@Injectable()
export class SessionCleanupJob {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly throttles: LoginThrottleRepository,
    private readonly runs: JobRunsRepository,
  ) {}

  async handle(): Promise<{ rows: number }> {
    const now = Date.now();
    const rows =
      (await this.sessions.deleteEndedBefore(new Date(now - 7 * DAY))) +
      (await this.throttles.deleteStale(new Date(now - DAY))) +
      (await this.runs.deleteFinishedBefore(new Date(now - 90 * DAY)));
    return { rows };
  }
}
