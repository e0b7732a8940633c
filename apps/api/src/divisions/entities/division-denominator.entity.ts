import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Population and other denominators of one division and year, for per-capita and coverage ratios. */
@Entity('division_denominator')
export class DivisionDenominatorEntity {
  @PrimaryColumn({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int', nullable: true })
  population: number | null;

  @Column({ type: 'int', nullable: true })
  households: number | null;

  @Column({ type: 'int', nullable: true })
  villages: number | null;

  @Column({ name: 'enterprises_above_scale', type: 'int', nullable: true })
  enterprisesAboveScale: number | null;

  @Column({ type: 'text', nullable: true })
  source: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
