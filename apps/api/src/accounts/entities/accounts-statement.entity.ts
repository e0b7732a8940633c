import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { type StatementKind } from '@app/contracts';

/** A figure as the published narrative states it, and where it stands in the text. */
@Entity('accounts_statement')
@Index('UQ_accounts_statement_key', ['divisionCode', 'year', 'statementKey'], { unique: true })
export class AccountsStatementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @Column({ type: 'int' })
  year: number;

  /** Stable within the year; findings point at it ("statements.<key>"). */
  @Column({ name: 'statement_key', type: 'text' })
  statementKey: string;

  @Column({ type: 'text' })
  kind: StatementKind;

  /** "section.code" of the figure stated (the numerator of a share). */
  @Column({ name: 'figure_key', type: 'text' })
  figureKey: string;

  /** "section.code" of the denominator of a share or an execution rate. */
  @Column({ name: 'base_key', type: 'text', nullable: true })
  baseKey: string | null;

  @Column({ name: 'value_as_printed', type: 'text' })
  valueAsPrinted: string;

  @Column({ type: 'text' })
  unit: string;

  /** Where it stands ("第二部分 五(三)", "附件1 三(一)"). */
  @Column({ type: 'text' })
  location: string;

  /** The sentence quoted. */
  @Column({ type: 'text', nullable: true })
  excerpt: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
