import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { type DivisionLevel } from '@app/contracts';

/** An administrative division (GB/T 2260 code), with the period its code is valid. */
@Entity('division')
@Index('IDX_division_parent', ['parentCode'])
export class DivisionEntity {
  @PrimaryColumn({ type: 'char', length: 6 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  level: DivisionLevel;

  @Column({ name: 'parent_code', type: 'char', length: 6, nullable: true })
  parentCode: string | null;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;
}
