import { Entity, PrimaryColumn } from 'typeorm';

/** An indicator (performance module) that an event counts toward. */
@Entity('event_indicator')
export class EventIndicatorEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ name: 'indicator_id', type: 'uuid' })
  indicatorId: string;
}
