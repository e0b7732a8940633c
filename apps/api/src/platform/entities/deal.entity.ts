import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { type DealKind } from '@app/contracts';

/** A closed deal on the platform (科技服务 / 科技成果转化 / 科研项目成交); amount in 元, exact. */
@Entity('deal')
@Unique('UQ_deal_source_kind_external_id', ['source', 'kind', 'externalId'])
@Index('IDX_deal_division_date', ['divisionCode', 'dealDate'])
@Index('IDX_deal_batch', ['importBatchId'])
export class DealEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** Who issued the external id: 'file' (back-office exports, uploaded or from the inbox), 'feed', 'demo'. */
  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  kind: DealKind;

  @Column({ name: 'external_id', type: 'text' })
  externalId: string;

  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @Column({ name: 'deal_date', type: 'date' })
  dealDate: string;

  /** 元 with two decimals, as a string ("92708000.00"): never a float. */
  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;

  @Column({ type: 'text', nullable: true })
  demander: string | null;

  @Column({ type: 'text', nullable: true })
  provider: string | null;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ name: 'import_batch_id', type: 'uuid', nullable: true })
  importBatchId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
