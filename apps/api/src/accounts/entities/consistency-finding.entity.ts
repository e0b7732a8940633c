import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { type ConsistencyRule, type FindingSeverity, type FindingStatus } from '@app/contracts';

/** A finding of a consistency check of one division's year, open until someone confirms or dismisses it. */
@Entity('consistency_finding')
@Index('IDX_consistency_finding_scope', ['divisionCode', 'year', 'status'])
export class ConsistencyFindingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'text' })
  rule: ConsistencyRule;

  @Column({ type: 'text' })
  severity: FindingSeverity;

  /** IC-01 … IC-19 of domain.md §2.8 where the finding is an instance of one. */
  @Column({ name: 'ic_id', type: 'text', nullable: true })
  icId: string | null;

  /** Where it stands: "figures.gpb.total", "statements.<key>", "annex[附件2].budget.total.printedRate". */
  @Column({ type: 'text' })
  path: string;

  @Column({ type: 'text', nullable: true })
  expected: string | null;

  @Column({ type: 'text', nullable: true })
  found: string | null;

  @Column({ type: 'text', nullable: true })
  unit: string | null;

  /** Where it stands by the report's printed names, for people. */
  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Column({ type: 'text' })
  message: string;

  @Column({ name: 'message_en', type: 'text' })
  messageEn: string;

  /** rule|path|expected|found: a re-run finding the same thing keeps its decision. */
  @Column({ type: 'text' })
  fingerprint: string;

  @Column({ type: 'text', default: 'open' })
  status: FindingStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
