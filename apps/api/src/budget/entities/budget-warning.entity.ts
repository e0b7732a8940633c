import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { type BudgetWarningKind } from '@app/contracts';

/** A warning raised by budget-watch (behind 序时进度, projected below 90%); cleared when the condition is gone. */
@Entity('budget_warning')
export class BudgetWarningEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Column({ type: 'text' })
  kind: BudgetWarningKind;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;

  @Column({ name: 'cleared_at', type: 'timestamptz', nullable: true })
  clearedAt: Date | null;
}
