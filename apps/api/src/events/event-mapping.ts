import { type EventFilter } from './events.repository.js';
import { type EventAttachmentEntity } from './entities/event-attachment.entity.js';
import { type QueryEventsDto } from './dto/event.dto.js';
import { type DivisionScope } from '../auth/division-scope.js';
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

/** The list's filter and order from its query (the list and its export filter alike). */
export function eventFilterOf(scope: DivisionScope, query: QueryEventsDto): Omit<EventFilter, 'offset' | 'limit'> {
  return {
    scope,
    division: query.division,
    types: query.type,
    statuses: query.status,
    from: query.from,
    to: query.to,
    text: query.q?.trim() || undefined,
    indicatorId: query.indicatorId,
    sort: query.sort,
    order: query.order,
  };
}
