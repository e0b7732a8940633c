import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { type RegistrationType } from '@app/contracts';

/** A user registered on the platform (科技工作者, 企事业单位, 城乡群众, 科普组织). */
@Entity('registration')
@Unique('UQ_registration_source_type_external_id', ['source', 'userType', 'externalId'])
@Index('IDX_registration_division_date', ['divisionCode', 'registeredDate'])
@Index('IDX_registration_batch', ['importBatchId'])
export class RegistrationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'user_type', type: 'text' })
  userType: RegistrationType;

  @Column({ name: 'external_id', type: 'text' })
  externalId: string;

  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @Column({ name: 'registered_date', type: 'date' })
  registeredDate: string;

  @Column({ name: 'import_batch_id', type: 'uuid', nullable: true })
  importBatchId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
