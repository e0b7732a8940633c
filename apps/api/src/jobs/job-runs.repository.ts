import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { JobRunEntity } from './entities/job-run.entity.js';
import { type JobRunStatus } from '@app/contracts';

@Injectable()
export class JobRunsRepository {
  constructor(@InjectRepository(JobRunEntity) private readonly runs: Repository<JobRunEntity>) {}

  start(job: string, instance: string, attempt: number): Promise<JobRunEntity> {
    return this.runs.save(this.runs.create({ job, instance, attempt, startedAt: new Date(), status: 'running' }));
  }

  async finish(id: string, status: JobRunStatus, rows: number | null, error: string | null): Promise<void> {
    await this.runs.update({ id }, { status, rows, error, finishedAt: new Date() });
  }

  findRecent(filter: { job?: string; limit: number }): Promise<JobRunEntity[]> {
    return this.runs.find({ where: filter.job ? { job: filter.job } : {}, order: { id: 'DESC' }, take: filter.limit });
  }

  async deleteFinishedBefore(before: Date): Promise<number> {
    const result = await this.runs.createQueryBuilder().delete().where('finished_at < :before', { before }).execute();
    return result.affected ?? 0;
  }
}
