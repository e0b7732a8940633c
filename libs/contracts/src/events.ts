// Outreach events (科普活动): request/response types shared by the api and the web app.

export const EVENT_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Audience groups (受众); stored and sent as these codes, shown with the labels below. */
export const EVENT_AUDIENCES = ['youth', 'elderly', 'farmers', 'residents', 'workers', 'scientists', 'other'] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];
export const EVENT_AUDIENCE_LABELS: Record<EventAudience, { zh: string; en: string }> = {
  youth: { zh: '青少年', en: 'Young people' },
  elderly: { zh: '老年人', en: 'Elderly people' },
  farmers: { zh: '农民', en: 'Farmers' },
  residents: { zh: '社区居民', en: 'Community residents' },
  workers: { zh: '企业职工', en: 'Employees' },
  scientists: { zh: '科技工作者', en: 'Scientists and engineers' },
  other: { zh: '其他', en: 'Others' },
};

export const EVENT_HISTORY_ACTIONS = ['created', 'updated', 'submitted', 'approved', 'returned', 'imported'] as const;
export type EventHistoryAction = (typeof EVENT_HISTORY_ACTIONS)[number];

export const EVENT_ATTACHMENT_KINDS = ['jpeg', 'png', 'webp', 'pdf'] as const;
export type EventAttachmentKind = (typeof EVENT_ATTACHMENT_KINDS)[number];

export const EVENT_SORT_FIELDS = ['start', 'title', 'status', 'participants', 'personTimes', 'materials', 'createdAt', 'updatedAt'] as const;
export type EventSortField = (typeof EVENT_SORT_FIELDS)[number];

/** An entry of the editable event-type dictionary (科技活动周, 全国科普日, …). */
export interface EventType {
  code: string;
  nameZh: string;
  nameEn: string;
  sort: number;
  active: boolean;
}

export interface UpsertEventTypeRequest {
  code?: string;
  nameZh?: string;
  nameEn?: string;
  sort?: number;
  active?: boolean;
}

/** The writable fields of an event (create: title, type and start are required; update: any subset). */
export interface EventInput {
  title?: string;
  type?: string;
  /** YYYY-MM-DD */
  start?: string;
  /** YYYY-MM-DD, on or after start; defaults to start. */
  end?: string;
  /** Six-digit division code; defaults to the user's own division. */
  division?: string;
  venue?: string | null;
  organizer?: string | null;
  partners?: string[];
  audience?: EventAudience[];
  participants?: number;
  /** 人次, at least participants; defaults to participants. */
  personTimes?: number;
  onlineViews?: number;
  /** Materials distributed (份). */
  materials?: number;
  volunteers?: number;
  /** 元, a string with at most two decimals, e.g. "2000.00". */
  cost?: string;
  projectId?: string | null;
  indicatorIds?: string[];
  description?: string | null;
}

export interface EventStep {
  by: string | null;
  byName: string | null;
  at: string | null;
}

export interface EventSummary {
  id: string;
  title: string;
  type: string;
  typeName: string;
  start: string;
  end: string;
  division: string;
  divisionName: string;
  venue: string | null;
  organizer: string | null;
  partners: string[];
  audience: EventAudience[];
  participants: number;
  personTimes: number;
  onlineViews: number;
  materials: number;
  volunteers: number;
  cost: string;
  projectId: string | null;
  indicatorIds: string[];
  description: string | null;
  status: EventStatus;
  returnReason: string | null;
  attachmentCount: number;
  created: EventStep;
  submitted: EventStep;
  /** Approved or returned: the latest review. */
  reviewed: EventStep;
  createdAt: string;
  updatedAt: string;
}

export interface EventHistoryEntry {
  action: EventHistoryAction;
  fromStatus: EventStatus | null;
  toStatus: EventStatus;
  reason: string | null;
  actorName: string;
  at: string;
}

export interface EventAttachment {
  id: string;
  fileName: string;
  kind: EventAttachmentKind;
  contentType: string;
  size: number;
  /** When the photo was taken (EXIF DateTimeOriginal, camera local time, "YYYY-MM-DDTHH:mm:ss"), if the file says. */
  takenAt: string | null;
  hasThumbnail: boolean;
  uploadedByName: string;
  uploadedAt: string;
}

export interface EventDetail extends EventSummary {
  history: EventHistoryEntry[];
  attachments: EventAttachment[];
  /** What the signed-in user may do with it now. */
  can: { edit: boolean; submit: boolean; approve: boolean; return: boolean; delete: boolean };
}

export interface ReturnEventRequest {
  reason: string;
}

/** One problem in one cell of an imported events file (an ApiErrorDetail with row + column). */
export interface EventImportRowError {
  row: number;
  column: string;
  value: string;
  code: string;
  message: string;
  messageEn: string;
}

export interface EventImportResult {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: EventImportRowError[];
}
