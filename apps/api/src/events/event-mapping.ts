import { type EventAttachmentEntity } from './entities/event-attachment.entity.js';
import { type EventAttachment } from '@app/contracts';

/** An attachment as the API shows it (metadata; the bytes are downloaded separately). */
export function toAttachment(a: EventAttachmentEntity): EventAttachment {
  return {
    id: a.id,
    fileName: a.fileName,
    kind: a.kind,
    contentType: a.contentType,
    size: a.size,
    takenAt: a.takenAt,
    hasThumbnail: a.thumbnailType !== null,
    uploadedByName: a.uploadedByName,
    uploadedAt: a.uploadedAt.toISOString(),
  };
}
