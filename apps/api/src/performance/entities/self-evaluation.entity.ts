import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { type CustomTemplateWeights, type SelfEvaluationComputed, type SelfEvaluationStatus, type SelfEvaluationTemplate } from '@app/contracts';

/** The 项目支出绩效自评表 of a project (one per project, hence per year): draft → submitted → frozen. */
@Entity('performance_self_evaluation')
@Index('UQ_performance_self_evaluation_project', ['projectId'], { unique: true })
export class SelfEvaluationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Column({ type: 'text' })
  template: SelfEvaluationTemplate;

  @Column({ name: 'custom_weights', type: 'jsonb', nullable: true })
  customWeights: CustomTemplateWeights | null;

  @Column({ type: 'text', default: 'draft' })
  status: SelfEvaluationStatus;

  @Column({ name: 'expected_goal', type: 'text', nullable: true })
  expectedGoal: string | null;

  @Column({ name: 'achieved_goal', type: 'text', nullable: true })
  achievedGoal: string | null;

  @Column({ name: 'execution_reason', type: 'text', nullable: true })
  executionReason: string | null;

  /** 原因 per funding line id. */
  @Column({ name: 'line_reasons', type: 'jsonb', default: () => "'{}'" })
  lineReasons: Record<string, string>;

  @Column({ type: 'text', nullable: true })
  preparer: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ name: 'filled_on', type: 'date', nullable: true })
  filledOn: string | null;

  /** The computed table at freezing time; never recomputed afterwards. */
  @Column({ type: 'jsonb', nullable: true })
  snapshot: SelfEvaluationComputed | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'frozen_at', type: 'timestamptz', nullable: true })
  frozenAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
