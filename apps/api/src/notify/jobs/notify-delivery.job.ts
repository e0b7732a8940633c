import { Injectable } from '@nestjs/common';
import { NotifyDeliveryService } from '../notify-delivery.service.js';
import { type JobName } from '@app/contracts';

export const NOTIFY_DELIVERY_JOB: JobName = 'notify-delivery';

/** Every minute by default (JOB_NOTIFY_DELIVERY_CRON): fan out new notices, send what is due, retry. */
@Injectable()
export class NotifyDeliveryJob {
  constructor(private readonly delivery: NotifyDeliveryService) {}

  async handle(): Promise<{ rows: number }> {
    return { rows: (await this.delivery.run()).rows };
  }
}
