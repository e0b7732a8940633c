import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { type SelfEvaluationCheckRequest } from '@app/contracts';

/** An annexed 项目支出绩效自评表 as printed (the shape of POST /self-evaluations/check), checked with the accounts. */
@Entity('accounts_annex_table')
@Index('UQ_accounts_annex_table', ['divisionCode', 'year', 'annex'], { unique: true })
export class AccountsAnnexTableEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @Column({ type: 'int' })
  year: number;

  /** "附件2". */
  @Column({ type: 'text' })
  annex: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'jsonb' })
  content: SelfEvaluationCheckRequest;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
