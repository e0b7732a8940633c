// Scheduled jobs and their runs (GET /api/v1/jobs, POST /api/v1/jobs/:name/run; admin only).

/** Every scheduled job, by the name the API runs and records it under. */
export const JOB_NAMES = ['session-cleanup', 'rollup-verify', 'monthly-close', 'platform-sync', 'budget-watch', 'monthly-brief', 'notify-delivery'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** What people call each job, in both languages: the jobs screen and the admins' failure notices. */
export const JOB_TITLES: Readonly<Record<JobName, { zh: string; en: string }>> = {
  'session-cleanup': { zh: '会话清理', en: 'Session cleanup' },
  'rollup-verify': { zh: '汇总数据核对', en: 'Rollup check' },
  'monthly-close': { zh: '月度结账', en: 'Monthly close' },
  'platform-sync': { zh: '平台数据同步', en: 'Platform data sync' },
  'budget-watch': { zh: '预算执行监测', en: 'Budget watch' },
  'monthly-brief': { zh: '月度简报', en: 'Monthly brief' },
  'notify-delivery': { zh: '通知发送', en: 'Notice delivery' },
};

/** A job's title in the language, or its name when it is none of ours. */
export function jobTitle(name: string, zh: boolean): string {
  const title = (JOB_TITLES as Record<string, { zh: string; en: string } | undefined>)[name];
  return title ? (zh ? title.zh : title.en) : name;
}

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
