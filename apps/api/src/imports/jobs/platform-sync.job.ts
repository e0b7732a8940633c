import { Injectable } from '@nestjs/common';
import { PlatformSyncService } from '../platform-sync.service.js';
import { type JobName } from '@app/contracts';

export const PLATFORM_SYNC_JOB: JobName = 'platform-sync';

/** Hourly by default (JOB_PLATFORM_SYNC_CRON): pulls the inbox folder and the HTTP feed. */
@Injectable()
export class PlatformSyncJob {
  constructor(private readonly sync: PlatformSyncService) {}

  async handle(): Promise<{ rows: number }> {
    const { rows } = await this.sync.syncAll();
    return { rows };
  }
}
