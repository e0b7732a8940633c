import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UploadedFile,
  UploadedFiles,
} from '@nestjs/common';
import { ParseUuidPipe } from '../common/params.js';
import { FileFieldsInterceptor, FileInterceptor } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import {
  AttachmentQueryDto,
  CreateEventTypeDto,
  EventBodyDto,
  ImportEventsDto,
  QueryEventsDto,
  ReturnEventDto,
  UpdateEventTypeDto,
  UploadAttachmentDto,
} from './dto/event.dto.js';
import { EventAttachmentsService } from './event-attachments.service.js';
import { EventSheetsService } from './event-sheets.service.js';
import { EventTypesService } from './event-types.service.js';
import { EventsService } from './events.service.js';
import { CurrentScope, CurrentUser } from '../auth/auth.decorators.js';
import { type AuthenticatedUser } from '../auth/authenticated-request.js';
import { contentDisposition } from '../spreadsheets/download.js';
import { UploadLimit } from '../spreadsheets/upload-limit.js';
import { DivisionScope } from '../auth/division-scope.js';
import { type EventAttachment, type EventDetail, type EventImportResult, type EventSummary, type EventType, type Page } from '@app/contracts';

// The parts of an uploaded file (memory storage) used here.
interface MulterFile {
  originalname: string;
  buffer: Buffer;
}

const uuid = () => new ParseUuidPipe();
const asUpload = (file: MulterFile | undefined) => (file ? { originalName: file.originalname ?? 'upload', buffer: file.buffer } : undefined);

@ApiTags('events')
@ApiBearerAuth()
@Controller({ path: 'events', version: '1' })
export class EventsController {
  constructor(
    private readonly service: EventsService,
    private readonly sheets: EventSheetsService,
    private readonly attachments: EventAttachmentsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Outreach events in your scope: filters (division, type, status, from/to on the start date, q), paging, sorting' })
  listEvents(@CurrentScope() scope: DivisionScope, @Query() query: QueryEventsDto): Promise<Page<EventSummary>> {
    return this.service.listEvents(scope, query);
  }

  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The filtered list as XLSX, streamed (same filters and order as the list; more than EXPORT_MAX_ROWS → 422 EXPORT_TOO_LARGE); re-importable' })
  async exportEvents(@CurrentScope() scope: DivisionScope, @Query() query: QueryEventsDto, @Res() reply: FastifyReply): Promise<void> {
    await this.sheets.exportEvents(scope, query, reply);
  }

  @Post('import')
  @UploadLimit((config) => config.imports.maxBytes, FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportEventsDto })
  @ApiOperation({
    summary: 'Import events from XLSX/CSV with the export’s Chinese headers',
    description:
      'Rows with the 编号 of an existing event update it while draft or returned (identical rows are unchanged); other rows create drafts. ' +
      'all-or-nothing (default): any bad row → 422 listing every row error, nothing written; valid-rows: good rows written. One transaction.',
  })
  importEvents(
    @UploadedFile() file: MulterFile | undefined,
    @Body() body: ImportEventsDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentScope() scope: DivisionScope,
  ): Promise<EventImportResult> {
    return this.sheets.importEvents(user, scope, asUpload(file), body.mode ?? 'all-or-nothing');
  }

  @Post()
  @ApiOperation({ summary: 'Log an event (a draft): title, type and start are required; every failing field is named in one 422' })
  createEvent(@Body() body: EventBodyDto, @CurrentUser() user: AuthenticatedUser, @CurrentScope() scope: DivisionScope): Promise<EventDetail> {
    return this.service.createEvent(user, scope, { ...body });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One event with its history, attachments and the actions open to you' })
  getEvent(@Param('id', uuid()) id: string, @CurrentUser() user: AuthenticatedUser, @CurrentScope() scope: DivisionScope): Promise<EventDetail> {
    return this.service.getEvent(user, scope, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an event while it is draft or returned (staff of its division)' })
  updateEvent(
    @Param('id', uuid()) id: string,
    @Body() body: EventBodyDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentScope() scope: DivisionScope,
  ): Promise<EventDetail> {
    return this.service.updateEvent(user, scope, id, { ...body });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft, with its attachments' })
  async deleteEvent(@Param('id', uuid()) id: string, @CurrentScope() scope: DivisionScope): Promise<void> {
    await this.service.deleteEvent(scope, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a draft or returned event for approval' })
  submitEvent(@Param('id', uuid()) id: string, @CurrentUser() user: AuthenticatedUser, @CurrentScope() scope: DivisionScope): Promise<EventDetail> {
    return this.service.submitEvent(user, scope, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a submitted event (leader of its division, or the city): it then counts in the KPIs' })
  approveEvent(@Param('id', uuid()) id: string, @CurrentUser() user: AuthenticatedUser, @CurrentScope() scope: DivisionScope): Promise<EventDetail> {
    return this.service.approveEvent(user, scope, id);
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return a submitted or approved event with a reason (an approved one stops counting)' })
  returnEvent(
    @Param('id', uuid()) id: string,
    @Body() body: ReturnEventDto,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentScope() scope: DivisionScope,
  ): Promise<EventDetail> {
    return this.service.returnEvent(user, scope, id, body.reason);
  }

  @Get(':id/attachments')
  @ApiOperation({ summary: "An event's attachments (metadata)" })
  listAttachments(@Param('id', uuid()) id: string, @CurrentScope() scope: DivisionScope): Promise<EventAttachment[]> {
    return this.attachments.listAttachments(scope, id);
  }

  @Post(':id/attachments')
  @UploadLimit((config) => config.events.attachmentMaxBytes, FileFieldsInterceptor([{ name: 'file', maxCount: 1 }, { name: 'thumbnail', maxCount: 1 }]))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadAttachmentDto })
  @ApiOperation({
    summary: 'Attach a photo or document (JPEG, PNG, WebP, PDF by content; ≤ EVENT_ATTACHMENT_MAX_BYTES) while draft or returned',
    description: '413 too large, 415 not an accepted type (a renamed executable is named as such), 422 empty file. The photo time comes from EXIF DateTimeOriginal.',
  })
  uploadAttachment(
    @Param('id', uuid()) id: string,
    @UploadedFiles() files: { file?: MulterFile[]; thumbnail?: MulterFile[] } | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentScope() scope: DivisionScope,
  ): Promise<EventAttachment> {
    return this.attachments.uploadAttachment(user, scope, id, asUpload(files?.file?.[0]), asUpload(files?.thumbnail?.[0]));
  }

  @Get(':id/attachments/:attachmentId')
  @ApiOperation({ summary: 'Download an attachment (?thumbnail=true for the preview); only within your scope' })
  async downloadAttachment(
    @Param('id', uuid()) id: string,
    @Param('attachmentId', uuid()) attachmentId: string,
    @Query() query: AttachmentQueryDto,
    @CurrentScope() scope: DivisionScope,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { attachment, bytes, contentType } = await this.attachments.readAttachment(scope, id, attachmentId, query.thumbnail ?? false);
    await reply
      .status(200)
      .type(contentType)
      .header('Content-Disposition', contentDisposition(attachment.fileName, attachment.kind === 'pdf' ? 'attachment' : 'inline'))
      .header('Cache-Control', 'private, max-age=3600')
      .header('X-Content-Type-Options', 'nosniff')
      .send(bytes);
  }

  @Delete(':id/attachments/:attachmentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an attachment while the event is draft or returned' })
  async deleteAttachment(
    @Param('id', uuid()) id: string,
    @Param('attachmentId', uuid()) attachmentId: string,
    @CurrentUser() user: AuthenticatedUser,
    @CurrentScope() scope: DivisionScope,
  ): Promise<void> {
    await this.attachments.deleteAttachment(user, scope, id, attachmentId);
  }
}

@ApiTags('events')
@ApiBearerAuth()
@Controller({ path: 'event-types', version: '1' })
export class EventTypesController {
  constructor(private readonly service: EventTypesService) {}

  @Get()
  @ApiOperation({ summary: 'The event-type dictionary (retired types included, marked active=false)' })
  listEventTypes(): Promise<EventType[]> {
    return this.service.listTypes();
  }

  @Post()
  @ApiOperation({ summary: 'Add an event type (admin)' })
  createEventType(@Body() body: CreateEventTypeDto): Promise<EventType> {
    return this.service.createType(body);
  }

  @Patch(':code')
  @ApiOperation({ summary: 'Rename, reorder or retire an event type (admin)' })
  updateEventType(@Param('code') code: string, @Body() body: UpdateEventTypeDto): Promise<EventType> {
    return this.service.updateType(code, body);
  }
}
