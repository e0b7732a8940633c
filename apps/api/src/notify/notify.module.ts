import { Module } from '@nestjs/common';
import { ChannelsRepository } from './channels.repository.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { NotifyDeliveryJob } from './jobs/notify-delivery.job.js';
import { NotifyController } from './notify.controller.js';
import { NotifyDeliveryService } from './notify-delivery.service.js';
import { NotifyService } from './notify.service.js';
import { NoticeOutboxModule } from './outbox/notice-outbox.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';
import { BriefsModule } from '../briefs/briefs.module.js';
import { DivisionsModule } from '../divisions/divisions.module.js';

@Module({
  imports: [NoticeOutboxModule, BriefsModule, DivisionsModule],
  controllers: [NotifyController],
  providers: [ChannelsRepository, SubscriptionsRepository, DeliveriesRepository, NotifyDeliveryService, NotifyService, NotifyDeliveryJob],
  exports: [NotifyDeliveryService, NotifyDeliveryJob],
})
export class NotifyModule {}
