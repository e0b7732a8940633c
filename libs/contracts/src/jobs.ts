// Scheduled jobs and their runs (GET /api/v1/jobs, POST /api/v1/jobs/:name/run; admin only).

export type JobRunStatus = 'running' | 'succeeded' | 'failed' | 'skipped';

export interface ScheduledJob {
  name: string;
  /** Cron expression in Asia/Shanghai. */
  cron: string;
  /** The job's switch and the global JOBS_ENABLED (configuration, read-only here). */
  enabled: boolean;
}

/** One attempt of a job on one instance. */
export interface JobRun {
  id: string;
  job: string;
  /** `host:pid` of the instance that ran it. */
  instance: string;
  attempt: number;
  status: JobRunStatus;
  rows: number | null;
  error: string | null;
  /** ISO timestamps. */
  startedAt: string;
  finishedAt: string | null;
}

/** GET /api/v1/jobs?limit=20 */
export interface JobsOverview {
  jobs: ScheduledJob[];
  /** Newest first. */
  runs: JobRun[];
}

/** POST /api/v1/jobs/:name/run: answers when the run (with its retries) has finished. */
export interface RunJobResult {
  /** `skipped`: another instance holds the job's lock. */
  status: Exclude<JobRunStatus, 'running'>;
  attempts: number;
  rows?: number;
  error?: string;
}
