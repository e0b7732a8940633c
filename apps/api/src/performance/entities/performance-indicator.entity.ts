import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { type IndicatorBindingKind } from '@app/contracts';
import { type IndicatorDirection, type IndicatorLevel1, type IndicatorLevel2, type QualitativeTier, type ReverseFormula } from '@app/kpi-core';

/** A performance indicator (绩效指标) of a project; its actual may be bound to data. */
@Entity('performance_indicator')
@Index('IDX_performance_indicator_project', ['projectId', 'sortOrder'])
export class PerformanceIndicatorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Column({ type: 'text' })
  level1: IndicatorLevel1;

  @Column({ type: 'text' })
  level2: IndicatorLevel2;

  /** 三级指标 */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  direction: IndicatorDirection;

  @Column({ name: 'target_value', type: 'numeric', precision: 20, scale: 4, nullable: true })
  targetValue: string | null;

  @Column({ name: 'target_text', type: 'text', nullable: true })
  targetText: string | null;

  @Column({ type: 'text', nullable: true })
  unit: string | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  weight: string | null;

  @Column({ name: 'actual_value', type: 'numeric', precision: 20, scale: 4, nullable: true })
  actualValue: string | null;

  @Column({ name: 'actual_text', type: 'text', nullable: true })
  actualText: string | null;

  @Column({ name: 'qualitative_tier', type: 'text', nullable: true })
  qualitativeTier: QualitativeTier | null;

  @Column({ name: 'qualitative_share', type: 'numeric', precision: 5, scale: 4, nullable: true })
  qualitativeShare: string | null;

  @Column({ name: 'not_applicable', type: 'boolean', default: false })
  notApplicable: boolean;

  @Column({ name: 'reverse_formula', type: 'text', nullable: true })
  reverseFormula: ReverseFormula | null;

  @Column({ name: 'deviation_reason', type: 'text', nullable: true })
  deviationReason: string | null;

  @Column({ name: 'binding_kind', type: 'text', default: 'manual' })
  bindingKind: IndicatorBindingKind;

  @Column({ name: 'binding_metric', type: 'text', nullable: true })
  bindingMetric: string | null;

  @Column({ name: 'binding_event_type', type: 'text', nullable: true })
  bindingEventType: string | null;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
