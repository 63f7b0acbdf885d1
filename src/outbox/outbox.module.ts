import { Module } from '@nestjs/common';
import { OutboxDelivery } from './outbox-delivery.js';
import { OutboxService } from './outbox.service.js';

@Module({ providers: [OutboxService, OutboxDelivery], exports: [OutboxService, OutboxDelivery] })
export class OutboxModule {}
