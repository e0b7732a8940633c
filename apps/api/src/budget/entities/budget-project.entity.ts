import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { type PaceMode, type ProjectCategory } from '@app/contracts';

/** A budget project of one division and year (stable code, 主管部门, 实施单位). */
@Entity('budget_project')
@Index('UQ_budget_project_division_year_code', ['divisionCode', 'year', 'code'], { unique: true })
export class BudgetProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  @Column({ type: 'text' })
  category: ProjectCategory;

  @Column({ name: 'supervising_unit', type: 'text' })
  supervisingUnit: string;

  @Column({ name: 'implementing_unit', type: 'text' })
  implementingUnit: string;

  /** 用款计划: 12 monthly amounts in 元, or null for the linear m/12 pace. */
  @Column({ name: 'monthly_plan', type: 'numeric', precision: 18, scale: 2, array: true, nullable: true })
  monthlyPlan: string[] | null;

  @Column({ name: 'pace_mode', type: 'text', default: 'monthly' })
  paceMode: PaceMode;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
