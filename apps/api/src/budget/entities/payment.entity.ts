import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A payment (支付) of a project from one of its funding lines, with its functional and economic codes. */
@Entity('budget_payment')
@Index('IDX_budget_payment_project_date', ['projectId', 'paidOn'])
export class PaymentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Column({ name: 'funding_line_id', type: 'uuid' })
  fundingLineId: string;

  @Column({ name: 'paid_on', type: 'date' })
  paidOn: string;

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;

  @Column({ name: 'functional_code', type: 'text' })
  functionalCode: string;

  @Column({ name: 'economic_code', type: 'text' })
  economicCode: string;

  @Column({ type: 'text', nullable: true })
  memo: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
