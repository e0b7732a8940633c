import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/**
 * A running total reported by a source that gives no detail rows ("截至11月 216 笔"). Monthly
 * values come from monthlyDeltasFromCumulative (@app/kpi-core); a decrease is a data error shown
 * to the user, never clipped.
 */
@Entity('cumulative_observation')
@Unique('UQ_cumulative_observation_natural_key', ['source', 'divisionCode', 'metricCode', 'asOf'])
@Index('IDX_cumulative_observation_metric', ['divisionCode', 'metricCode', 'asOf'])
export class CumulativeObservationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  /** A metric code of @app/contracts, e.g. 'deals.total.amount'. */
  @Column({ name: 'metric_code', type: 'text' })
  metricCode: string;

  /** The running total is as of the end of this day. */
  @Column({ name: 'as_of', type: 'date' })
  asOf: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  value: string;

  @Column({ name: 'import_batch_id', type: 'uuid', nullable: true })
  importBatchId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
