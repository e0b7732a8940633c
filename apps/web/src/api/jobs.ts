import { http } from './http';

// Not in @app/contracts yet: the shapes of apps/api/src/jobs/jobs.service.ts.
export type JobRunStatus = 'running' | 'succeeded' | 'failed' | 'skipped';

export interface ScheduledJob {
  name: string;
  /** Cron expression in Asia/Shanghai. */
  cron: string;
  /** The job's switch and the global JOBS_ENABLED (configuration, read-only here). */
  enabled: boolean;
}

export interface JobRun {
  id: string;
  job: string;
  instance: string;
  attempt: number;
  status: JobRunStatus;
  rows: number | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface JobsOverview {
  jobs: ScheduledJob[];
  /** Newest first. */
  runs: JobRun[];
}

export interface RunJobResult {
  status: 'succeeded' | 'failed' | 'skipped';
  attempts: number;
  rows?: number;
  error?: string;
}

export const getJobsApi = (limit: number, signal?: AbortSignal) => http.get<JobsOverview>('/jobs', { query: { limit }, signal });

/** Answers when the run (with its retries) has finished. */
export const runJobApi = (name: string) => http.post<RunJobResult>(`/jobs/${encodeURIComponent(name)}/run`);
