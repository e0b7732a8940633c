import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { type FundType, type FundingSource } from '@app/contracts';

/** One funding line of a project: source (上级/本级/其他), fund type, initial and adjusted budget, carried in (元). */
@Entity('budget_funding_line')
export class FundingLineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Column({ type: 'text' })
  source: FundingSource;

  @Column({ name: 'fund_type', type: 'text' })
  fundType: FundType;

  @Column({ type: 'text', nullable: true })
  label: string | null;

  @Column({ name: 'initial_budget', type: 'numeric', precision: 18, scale: 2 })
  initialBudget: string;

  @Column({ name: 'adjusted_budget', type: 'numeric', precision: 18, scale: 2 })
  adjustedBudget: string;

  @Column({ name: 'carried_in', type: 'numeric', precision: 18, scale: 2, default: 0 })
  carriedIn: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
