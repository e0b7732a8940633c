import { Module } from '@nestjs/common';
import { MultipartModule } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlatformSyncStateRepository } from './connectors/platform-sync-state.repository.js';
import { ImportBatchEntity } from './entities/import-batch.entity.js';
import { ImportBatchesRepository } from './import-batches.repository.js';
import { ImportHistoryService } from './import-history.service.js';
import { ImportUploads, ImportUploadsModule } from './import-uploads.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';
import { PlatformSyncJob } from './jobs/platform-sync.job.js';
import { PlatformSyncService } from './platform-sync.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PlatformModule } from '../platform/platform.module.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([ImportBatchEntity]),
    ImportUploadsModule,
    // Uploads are written to a private temp dir as they arrive and imported as a stream from there;
    // a file over IMPORT_MAX_BYTES is cut off → 413.
    MultipartModule.registerAsync({
      imports: [ImportUploadsModule],
      inject: [APP_CONFIG, ImportUploads],
      useFactory: (config: AppConfig, uploads: ImportUploads) => ({
        storage: uploads.storage,
        limits: { fileSize: config.imports.maxBytes, files: 1, fields: 10, fieldSize: 10_000, parts: 20 },
      }),
    }),
    PlatformModule,
  ],
  controllers: [ImportsController],
  providers: [ImportBatchesRepository, ImportsService, ImportHistoryService, PlatformSyncService, PlatformSyncJob, PlatformSyncStateRepository],
  exports: [ImportsService, PlatformSyncJob],
})
export class ImportsModule {}
