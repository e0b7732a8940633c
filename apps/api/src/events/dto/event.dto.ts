import { IsCalendarDay, MAX_INT4 } from '../../common/validators.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { Allow, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  EVENT_AUDIENCES,
  EVENT_SORT_FIELDS,
  EVENT_STATUSES,
  type EventAudience,
  type EventInput,
  type EventSortField,
  type EventStatus,
  type ReturnEventRequest,
  type UpsertEventTypeRequest,
} from '@app/contracts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const csv = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean);

/**
 * Create and update bodies. Fields are only declared here (`@Allow`): the whole event is checked
 * by normalizeEventInput, so that one 422 names every failing field, the cross-field rules
 * (end before start, person-times below participants) and the dictionary ones included.
 */
export class EventBodyDto implements EventInput {
  @ApiPropertyOptional({ example: '2021年全国科普日 科普进社区', maxLength: 200 }) @Allow() title?: string;
  @ApiPropertyOptional({ example: 'popsci_day', description: 'An event type code (GET /api/v1/event-types); the Chinese name is accepted too' }) @Allow() type?: string;
  @ApiPropertyOptional({ example: '2021-09-18', description: 'YYYY-MM-DD' }) @Allow() start?: string;
  @ApiPropertyOptional({ example: '2021-09-18', description: 'YYYY-MM-DD, not before start; defaults to start' }) @Allow() end?: string;
  @ApiPropertyOptional({ example: '510403', description: "Division code; defaults to the user's own" }) @Allow() division?: string;
  @ApiPropertyOptional({ example: '清香坪街道路北社区', nullable: true, type: String }) @Allow() venue?: string | null;
  @ApiPropertyOptional({ example: '西区科协', nullable: true, type: String }) @Allow() organizer?: string | null;
  @ApiPropertyOptional({ type: [String], example: ['清香坪街道办事处'] }) @Allow() partners?: string[];
  @ApiPropertyOptional({ enum: EVENT_AUDIENCES, isArray: true, example: ['elderly', 'residents'] }) @Allow() audience?: EventAudience[];
  @ApiPropertyOptional({ example: 80, minimum: 0 }) @Allow() participants?: number;
  @ApiPropertyOptional({ example: 80, minimum: 0, description: '人次, at least participants; defaults to participants' }) @Allow() personTimes?: number;
  @ApiPropertyOptional({ example: 0, minimum: 0 }) @Allow() onlineViews?: number;
  @ApiPropertyOptional({ example: 300, minimum: 0, description: 'Materials distributed (份)' }) @Allow() materials?: number;
  @ApiPropertyOptional({ example: 6, minimum: 0 }) @Allow() volunteers?: number;
  @ApiPropertyOptional({ example: '2000.00', description: '元, a string with at most two decimals' }) @Allow() cost?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'A budget project of the same division' }) @Allow() projectId?: string | null;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) @Allow() indicatorIds?: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) @Allow() description?: string | null;
}

export class ReturnEventDto implements ReturnEventRequest {
  @ApiProperty({ example: '请补充签到表照片', maxLength: 1000 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'reason is required / 请填写退回原因' })
  @MinLength(1, { message: 'reason is required / 请填写退回原因' })
  @MaxLength(1000)
  reason: string;
}

export class QueryEventsDto {
  @ApiPropertyOptional({ example: '510403', description: 'The division, or a city and its districts' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'division must be a 6-digit division code' })
  division?: string;

  @ApiPropertyOptional({ description: 'Event type codes, comma-separated', example: 'popsci_day,health' })
  @IsOptional() @Transform(csv) @IsString({ each: true })
  type?: string[];

  @ApiPropertyOptional({ description: 'Statuses, comma-separated', example: 'approved' })
  @IsOptional() @Transform(csv) @IsIn(EVENT_STATUSES, { each: true, message: `status must be among ${EVENT_STATUSES.join(', ')}` })
  status?: EventStatus[];

  @ApiPropertyOptional({ example: '2021-01-01', description: 'Start date on or after' })
  @IsOptional() @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' }) @IsCalendarDay({ message: 'from must be a calendar date' })
  from?: string;

  @ApiPropertyOptional({ example: '2021-12-31', description: 'Start date on or before' })
  @IsOptional() @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' }) @IsCalendarDay({ message: 'to must be a calendar date' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only events linked to this performance indicator' })
  @IsOptional() @IsUUID('all', { message: 'indicatorId must be a UUID' })
  indicatorId?: string;

  @ApiPropertyOptional({ description: 'Matches title, venue, organizer, partners or description' })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: EVENT_SORT_FIELDS, default: 'start' })
  @IsOptional() @IsIn(EVENT_SORT_FIELDS)
  sort: EventSortField = 'start';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional() @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'desc';

  @ApiPropertyOptional({ default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  page = 1;

  @ApiPropertyOptional({ default: 20, maximum: 500, description: 'Up to 500 (a calendar month at once)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  pageSize = 20;
}

export class ImportEventsDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'XLSX (or CSV) with the export’s Chinese headers' })
  @Allow()
  file?: unknown;

  @ApiPropertyOptional({ enum: ['all-or-nothing', 'valid-rows'], default: 'all-or-nothing' })
  @IsOptional() @IsIn(['all-or-nothing', 'valid-rows'])
  mode?: 'all-or-nothing' | 'valid-rows';
}

export class UploadAttachmentDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'JPEG, PNG, WebP or PDF (by content), at most EVENT_ATTACHMENT_MAX_BYTES' })
  @Allow()
  file?: unknown;

  @ApiPropertyOptional({ type: 'string', format: 'binary', description: 'Optional: a small JPEG/PNG/WebP preview the browser made (≤ 512 KB)' })
  @Allow()
  thumbnail?: unknown;
}

export class AttachmentQueryDto {
  @ApiPropertyOptional({ description: 'true: the preview (the original when there is none)' })
  @IsOptional() @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value)) @IsBoolean()
  thumbnail?: boolean;
}

export class CreateEventTypeDto implements UpsertEventTypeRequest {
  @ApiProperty({ example: 'science_month' })
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, { message: 'code must be 1–32 characters of a–z, 0–9 and _, starting with a letter' })
  code: string;

  @ApiProperty({ example: '科普活动月' }) @IsString() @MinLength(1) @MaxLength(50) nameZh: string;
  @ApiProperty({ example: 'Science Popularization Month' }) @IsString() @MinLength(1) @MaxLength(100) nameEn: string;
  @ApiPropertyOptional({ example: 150 }) @IsOptional() @IsInt() @Min(0) @Max(MAX_INT4) sort?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class UpdateEventTypeDto implements UpsertEventTypeRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(50) nameZh?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) nameEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_INT4) sort?: number;
  @ApiPropertyOptional({ description: 'false retires the type: existing events keep it, new ones cannot use it' }) @IsOptional() @IsBoolean() active?: boolean;
}
