import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The annual target of a division, year and metric, with an optional 12-month plan (a seasonal pace). */
@Entity('kpi_target')
export class KpiTargetEntity {
  @PrimaryColumn({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @PrimaryColumn({ name: 'metric_code', type: 'text' })
  metricCode: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  annual: string;

  @Column({ name: 'monthly_plan', type: 'numeric', precision: 20, scale: 2, array: true, nullable: true })
  monthlyPlan: string[] | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
