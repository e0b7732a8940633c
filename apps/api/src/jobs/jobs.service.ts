import { Injectable, NotFoundException } from '@nestjs/common';
import { JobRunsRepository } from './job-runs.repository.js';
import { JobSchedulerService } from './job-scheduler.service.js';
import { type JobsOverview, type RunJobResult } from '@app/contracts';

@Injectable()
export class JobsService {
  constructor(
    private readonly scheduler: JobSchedulerService,
    private readonly runs: JobRunsRepository,
  ) {}

  async listJobs(limit: number): Promise<JobsOverview> {
    const recent = await this.runs.findRecent({ limit });
    return {
      jobs: this.scheduler.list(),
      runs: recent.map((run) => ({
        id: run.id, job: run.job, instance: run.instance, attempt: run.attempt, status: run.status, rows: run.rows, error: run.error,
        startedAt: run.startedAt.toISOString(), finishedAt: run.finishedAt?.toISOString() ?? null,
      })),
    };
  }

  runJob(name: string): Promise<RunJobResult> {
    if (!this.scheduler.list().some((job) => job.name === name)) throw new NotFoundException(`No job named ${name} / 没有名为 ${name} 的任务`);
    return this.scheduler.runNow(name);
  }
}
