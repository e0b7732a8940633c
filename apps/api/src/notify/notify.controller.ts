import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateChannelDto, MarkReadDto, PutSubscriptionDto, QueryDeliveriesDto, UpdateChannelDto } from './dto/notify.dto.js';
import { NotifyService } from './notify.service.js';
import { CurrentScope, CurrentUser } from '../auth/auth.decorators.js';
import { ParseUuidPipe } from '../common/params.js';
import { type AuthenticatedUser } from '../auth/authenticated-request.js';
import { DivisionScope } from '../auth/division-scope.js';
import { type ChannelTestResult, type InboxPage, type NotifyChannel, type NotifyDelivery, type NotifySubscription } from '@app/contracts';

@ApiTags('notify')
@ApiBearerAuth()
@Controller({ path: 'notify', version: '1' })
export class NotifyController {
  constructor(private readonly service: NotifyService) {}

  @Get('channels')
  @ApiOperation({ summary: 'Division channels in scope (WeCom / DingTalk robots, e-mail lists); secrets never returned' })
  listChannels(@CurrentScope() scope: DivisionScope): Promise<NotifyChannel[]> {
    return this.service.listChannels(scope);
  }

  @Post('channels')
  @ApiOperation({ summary: 'Add a channel for a division in scope' })
  createChannel(@CurrentScope() scope: DivisionScope, @CurrentUser() user: AuthenticatedUser, @Body() body: CreateChannelDto): Promise<NotifyChannel> {
    return this.service.createChannel(scope, user, body);
  }

  @Patch('channels/:id')
  @ApiOperation({ summary: 'Change a channel; an absent secret keeps the stored one, null clears it' })
  updateChannel(@CurrentScope() scope: DivisionScope, @Param('id', ParseUuidPipe) id: string, @Body() body: UpdateChannelDto): Promise<NotifyChannel> {
    return this.service.updateChannel(scope, id, body);
  }

  @Delete('channels/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a channel (its pending deliveries go with it)' })
  deleteChannel(@CurrentScope() scope: DivisionScope, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    return this.service.deleteChannel(scope, id);
  }

  @Post('channels/:id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a test message now and answer with what the channel said' })
  testChannel(@CurrentScope() scope: DivisionScope, @CurrentUser() user: AuthenticatedUser, @Param('id', ParseUuidPipe) id: string): Promise<ChannelTestResult> {
    return this.service.testChannel(scope, user, id);
  }

  @Get('subscriptions')
  @ApiOperation({ summary: 'The caller’s own subscription (the role’s defaults until saved)' })
  getSubscription(@CurrentUser() user: AuthenticatedUser): Promise<NotifySubscription> {
    return this.service.getSubscription(user);
  }

  @Put('subscriptions')
  @ApiOperation({ summary: 'Replace the caller’s subscription: kinds, divisions in scope, channel, immediate or daily digest, quiet hours' })
  putSubscription(@CurrentScope() scope: DivisionScope, @CurrentUser() user: AuthenticatedUser, @Body() body: PutSubscriptionDto): Promise<NotifySubscription> {
    return this.service.putSubscription(scope, user, body);
  }

  @Get('deliveries')
  @ApiOperation({ summary: 'Deliveries to channels and e-mail (sent, failed, pending) with the channel’s last answer' })
  listDeliveries(@CurrentScope() scope: DivisionScope, @Query() query: QueryDeliveriesDto): Promise<NotifyDelivery[]> {
    return this.service.listDeliveries(scope, query.status);
  }

  @Post('deliveries/:id/resend')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again (pending now, attempts counted afresh)' })
  async resend(@CurrentScope() scope: DivisionScope, @Param('id', ParseUuidPipe) id: string): Promise<{ status: 'pending' }> {
    await this.service.resend(scope, id);
    return { status: 'pending' };
  }

  @Get('inbox')
  @ApiOperation({ summary: 'The bell: the caller’s notices, newest first, and the unread count' })
  inbox(@CurrentUser() user: AuthenticatedUser): Promise<InboxPage> {
    return this.service.inbox(user);
  }

  @Post('inbox/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark notices read (the ones named, or all)' })
  markRead(@CurrentUser() user: AuthenticatedUser, @Body() body: MarkReadDto): Promise<{ marked: number }> {
    return this.service.markRead(user, body.ids);
  }
}
