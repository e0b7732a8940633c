import { type JobsOverview, type RunJobResult } from '@app/contracts';
import { http } from './http';

export const getJobsApi = (limit: number, signal?: AbortSignal) => http.get<JobsOverview>('/jobs', { query: { limit }, signal });

/** Answers when the run (with its retries) has finished. */
export const runJobApi = (name: string) => http.post<RunJobResult>(`/jobs/${encodeURIComponent(name)}/run`);
