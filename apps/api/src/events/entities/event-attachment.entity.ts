import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { type EventAttachmentKind } from '@app/contracts';

const pad = (n: number) => String(n).padStart(2, '0');

// `timestamp` (camera local time, no zone): pg hands it over as a Date at the process's local
// time, so its local fields are the camera's fields.
const localTimestamp = {
  to: (value: string | null | undefined) => value ?? null,
  from: (value: Date | string | null) => {
    if (value === null || typeof value === 'string') return value;
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}T${pad(value.getHours())}:${pad(value.getMinutes())}:${pad(value.getSeconds())}`;
  },
};

/**
 * Evidence of an event (photo, sign-in sheet). Only metadata is mapped: the bytes (content,
 * thumbnail) are written and read with plain SQL by the repository, so the audit log never
 * copies megabytes.
 */
@Entity('event_attachment')
@Index('IDX_event_attachment_event', ['eventId', 'uploadedAt'])
export class EventAttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  kind: EventAttachmentKind;

  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'taken_at', type: 'timestamp', nullable: true, transformer: localTimestamp })
  takenAt: string | null;

  /** Relative path under EVENT_ATTACHMENT_DIR when stored on disk; null when in the database. */
  @Column({ name: 'storage_key', type: 'text', nullable: true })
  storageKey: string | null;

  @Column({ name: 'thumbnail_type', type: 'text', nullable: true })
  thumbnailType: string | null;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @Column({ name: 'uploaded_by_name', type: 'text' })
  uploadedByName: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' })
  uploadedAt: Date;
}
