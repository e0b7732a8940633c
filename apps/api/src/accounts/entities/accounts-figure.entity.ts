import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One line item of an association's final accounts, as printed: amount in `unitAsPrinted` (74.44 万元, 156688.3 元, 1723 户). */
@Entity('accounts_figure')
@Index('UQ_accounts_figure_key', ['divisionCode', 'year', 'section', 'code'], { unique: true })
export class AccountsFigureEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @Column({ type: 'int' })
  year: number;

  /** income, expenditure, gpb, gpb_by_function, three_public, project_cloud, platform … */
  @Column({ type: 'text' })
  section: string;

  /** Within the section: a functional class code (206) or a name (total, basic, personnel …). */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  label: string;

  /** Exact, as printed, in `unitAsPrinted`: a string, never a float. */
  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;

  @Column({ name: 'unit_as_printed', type: 'text' })
  unitAsPrinted: string;

  /** The table or passage it comes from. */
  @Column({ type: 'text', nullable: true })
  source: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
