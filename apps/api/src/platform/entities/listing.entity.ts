import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { type ListingKind } from '@app/contracts';

/** An item published on the platform (科技所需, 科技所能, 科技成果, 科研项目发布, 科创工作室, 科普共享基地). */
@Entity('listing')
@Unique('UQ_listing_source_kind_external_id', ['source', 'kind', 'externalId'])
@Index('IDX_listing_division_date', ['divisionCode', 'listedDate'])
@Index('IDX_listing_batch', ['importBatchId'])
export class ListingEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  kind: ListingKind;

  @Column({ name: 'external_id', type: 'text' })
  externalId: string;

  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @Column({ name: 'listed_date', type: 'date' })
  listedDate: string;

  @Column({ name: 'import_batch_id', type: 'uuid', nullable: true })
  importBatchId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
