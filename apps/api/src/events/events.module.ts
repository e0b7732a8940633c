import { Module } from '@nestjs/common';
import { MultipartModule } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventAttachmentEntity } from './entities/event-attachment.entity.js';
import { EventHistoryEntity } from './entities/event-history.entity.js';
import { EventIndicatorEntity } from './entities/event-indicator.entity.js';
import { EventTypeEntity } from './entities/event-type.entity.js';
import { OutreachEventEntity } from './entities/outreach-event.entity.js';
import { EventsController, EventTypesController } from './events.controller.js';
import { EventsRepository } from './events.repository.js';
import { EventAttachmentsService } from './event-attachments.service.js';
import { EventSheetsService } from './event-sheets.service.js';
import { EventTypesService } from './event-types.service.js';
import { EventsService } from './events.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { NoticeOutboxModule } from '../notify/outbox/notice-outbox.js';
import { SheetImportService } from '../spreadsheets/sheet-import.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([OutreachEventEntity, EventTypeEntity, EventIndicatorEntity, EventHistoryEntity, EventAttachmentEntity]),
    NoticeOutboxModule,
    // In memory; the upload interceptors cut off anything past the larger of the two limits (→ 413), the service
    // applies the exact one (attachments: EVENT_ATTACHMENT_MAX_BYTES, imports: IMPORT_MAX_BYTES).
    MultipartModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: Math.max(config.events.attachmentMaxBytes, config.imports.maxBytes) + 1, files: 2, fields: 10, fieldSize: 10_000, parts: 20 },
      }),
    }),
  ],
  // EventTypesController first: /event-types must not be taken for an event id.
  controllers: [EventTypesController, EventsController],
  providers: [EventsRepository, EventsService, EventTypesService, EventAttachmentsService, EventSheetsService, SheetImportService],
  exports: [EventsService, EventsRepository],
})
export class EventsModule {}
