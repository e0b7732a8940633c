import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The editable dictionary of event types (科技活动周, 全国科普日, …); admins add, rename and retire entries. */
@Entity('event_type')
export class EventTypeEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'name_zh', type: 'text' })
  nameZh: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Column({ type: 'int', default: 0 })
  sort: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
