import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { type EventAudience, type EventStatus } from '@app/contracts';

@Entity('outreach_event')
@Index('IDX_outreach_event_division_start', ['divisionCode', 'startDate'])
export class OutreachEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text', default: 'draft' })
  status: EventStatus;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  @Column({ type: 'text', nullable: true })
  venue: string | null;

  @Column({ type: 'text', nullable: true })
  organizer: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  partners: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  audience: EventAudience[];

  @Column({ type: 'int', default: 0 })
  participants: number;

  @Column({ name: 'person_times', type: 'int', default: 0 })
  personTimes: number;

  @Column({ name: 'online_views', type: 'int', default: 0 })
  onlineViews: number;

  @Column({ type: 'int', default: 0 })
  materials: number;

  @Column({ type: 'int', default: 0 })
  volunteers: number;

  /** 元, exact: numeric(18,2) read as a string. */
  @Column({ type: 'numeric', precision: 18, scale: 2, default: 0 })
  cost: string;

  /** A budget_project id; no foreign key (see the migration), checked by the service. */
  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'return_reason', type: 'text', nullable: true })
  returnReason: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_by_name', type: 'text' })
  createdByName: string;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ name: 'submitted_by_name', type: 'text', nullable: true })
  submittedByName: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewed_by_name', type: 'text', nullable: true })
  reviewedByName: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
