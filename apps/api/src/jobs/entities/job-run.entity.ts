import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { type JobRunStatus } from '@app/contracts';

/** One run of a scheduled job on one instance. */
@Entity('job_run')
@Index('IDX_job_run_job_started', ['job', 'startedAt'])
export class JobRunEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  job: string;

  @Column({ type: 'text' })
  instance: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text' })
  status: JobRunStatus;

  @Column({ type: 'int', default: 0 })
  attempt: number;

  @Column({ type: 'int', nullable: true })
  rows: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
