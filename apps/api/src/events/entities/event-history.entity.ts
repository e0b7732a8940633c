import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { type EventHistoryAction, type EventStatus } from '@app/contracts';

/** Who did what to an event, and when: one row per step of the workflow. */
@Entity('event_history')
@Index('IDX_event_history_event', ['eventId', 'at'])
export class EventHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ type: 'text' })
  action: EventHistoryAction;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: EventStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: EventStatus;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_name', type: 'text' })
  actorName: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
