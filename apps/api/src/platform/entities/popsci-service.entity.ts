import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { type PopsciChannel } from '@app/contracts';

/** 精准科普 service counts of one division, day and channel: counts, not one row per person. */
@Entity('popsci_service')
@Unique('UQ_popsci_service_natural_key', ['source', 'divisionCode', 'serviceDate', 'channel'])
@Index('IDX_popsci_service_division_date', ['divisionCode', 'serviceDate'])
@Index('IDX_popsci_service_batch', ['importBatchId'])
export class PopsciServiceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @Column({ name: 'service_date', type: 'date' })
  serviceDate: string;

  @Column({ type: 'text' })
  channel: PopsciChannel;

  /** 服务户数 */
  @Column({ type: 'int' })
  households: number;

  /** 服务人次 */
  @Column({ name: 'person_times', type: 'int' })
  personTimes: number;

  @Column({ name: 'import_batch_id', type: 'uuid', nullable: true })
  importBatchId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
