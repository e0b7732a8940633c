import { ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { ChannelsRepository, type ChannelRow, type ChannelWrite } from './channels.repository.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { type CreateChannelDto, type PutSubscriptionDto, type UpdateChannelDto } from './dto/notify.dto.js';
import { NotifyDeliveryService } from './notify-delivery.service.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';
import { type AuthenticatedUser } from '../auth/authenticated-request.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { DivisionsService } from '../divisions/divisions.service.js';
import {
  DEFAULT_NOTICE_KINDS,
  type ChannelTestResult,
  type DeliveryStatus,
  type FieldError,
  type InboxPage,
  type NotifyChannel,
  type NotifyDelivery,
  type NotifySubscription,
} from '@app/contracts';

function invalid(errors: FieldError[]): UnprocessableEntityException {
  return new UnprocessableEntityException({ statusCode: 422, code: 'VALIDATION_FAILED', message: '输入有误', messageEn: 'Validation failed', errors });
}
const notFound = () => new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: '不存在', messageEn: 'Not found' });

/** A webhook with its token hidden: the host and path stay readable, the key shows its last 4 characters. */
export function maskUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    const mask = (v: string) => `…${v.slice(-4)}`;
    for (const key of ['key', 'access_token']) if (parsed.searchParams.has(key)) parsed.searchParams.set(key, mask(parsed.searchParams.get(key)!));
    return decodeURI(parsed.toString());
  } catch {
    return '…';
  }
}

function toChannel(row: ChannelRow): NotifyChannel {
  return {
    id: row.id, kind: row.kind, division: row.divisionCode, divisionName: row.divisionName, name: row.name,
    urlMasked: maskUrl(row.url), secretSet: !!row.secret, keyword: row.keyword,
    smtp: row.smtp ? { host: row.smtp.host, port: row.smtp.port, secure: row.smtp.secure, user: row.smtp.user ?? null, from: row.smtp.from, passwordSet: !!row.smtp.password } : null,
    to: row.recipients, kinds: row.kinds, active: row.active, createdAt: row.createdAt.toISOString(),
  };
}

/** Channels, subscriptions, deliveries and the bell, each within the caller's scope. */
@Injectable()
export class NotifyService {
  constructor(
    private readonly channels: ChannelsRepository,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly delivery: NotifyDeliveryService,
    private readonly divisions: DivisionsService,
  ) {}

  async listChannels(scope: DivisionScope): Promise<NotifyChannel[]> {
    return (await this.channels.list(scope.divisionCodes)).map(toChannel);
  }

  async createChannel(scope: DivisionScope, user: AuthenticatedUser, body: CreateChannelDto): Promise<NotifyChannel> {
    await this.divisions.requireDivision(body.division);
    scope.assertCovers(body.division);
    const write: ChannelWrite = {
      kind: body.kind, divisionCode: body.division, name: body.name, url: body.url ?? null, secret: body.secret || null, keyword: body.keyword || null,
      smtp: body.smtp ? { ...body.smtp } : null, recipients: body.to ?? [], kinds: body.kinds, active: body.active ?? true,
    };
    this.check(write);
    return toChannel((await this.channels.find(await this.channels.insert(write, user.username)))!);
  }

  async updateChannel(scope: DivisionScope, id: string, body: UpdateChannelDto): Promise<NotifyChannel> {
    const row = await this.requireChannel(scope, id);
    // Secrets are write-only: absent keeps the stored one, null (or "") clears it.
    const smtp = body.smtp ? { ...body.smtp, password: body.smtp.password === undefined ? row.smtp?.password ?? null : body.smtp.password || null } : row.smtp;
    const write: ChannelWrite = {
      kind: row.kind, divisionCode: row.divisionCode, name: body.name ?? row.name, url: body.url ?? row.url,
      secret: body.secret === undefined ? row.secret : body.secret || null, keyword: body.keyword === undefined ? row.keyword : body.keyword || null,
      smtp, recipients: body.to ?? row.recipients, kinds: body.kinds ?? row.kinds, active: body.active ?? row.active,
    };
    this.check(write);
    await this.channels.update(id, write);
    return toChannel((await this.channels.find(id))!);
  }

  async deleteChannel(scope: DivisionScope, id: string): Promise<void> {
    await this.requireChannel(scope, id);
    await this.channels.remove(id);
  }

  async testChannel(scope: DivisionScope, user: AuthenticatedUser, id: string): Promise<ChannelTestResult> {
    const channel = await this.requireChannel(scope, id);
    const result = await this.delivery.sendTest(channel, {
      kind: 'test', title: `天府科技云 KPI 测试消息：${channel.name}`, body: `这是一条测试消息，由 ${user.username} 发送。收到即表示通道配置正确。`, url: null, file: null,
    });
    return { ok: result.ok, status: result.status, response: result.response };
  }

  async getSubscription(user: AuthenticatedUser): Promise<NotifySubscription> {
    return (await this.subscriptions.find(user.id)) ?? { kinds: [...DEFAULT_NOTICE_KINDS[user.role]], divisions: [], channel: 'inapp', email: null, mode: 'immediate', quietFrom: null, quietTo: null };
  }

  async putSubscription(scope: DivisionScope, user: AuthenticatedUser, body: PutSubscriptionDto): Promise<NotifySubscription> {
    const errors: FieldError[] = [];
    body.divisions.forEach((d, i) => {
      if (!scope.covers(d)) errors.push({ field: `divisions[${i}]`, code: 'OUT_OF_SCOPE', message: `区划 ${d} 不在您的权限范围内`, messageEn: `division ${d} is outside your scope` });
    });
    if (body.kinds.includes('job_failed') && user.role !== 'admin') errors.push({ field: 'kinds', code: 'ADMIN_ONLY', message: '任务失败通知仅限系统管理员', messageEn: 'job failures are for admins' });
    if (body.channel === 'email' && !body.email) errors.push({ field: 'email', code: 'REQUIRED', message: '选择邮件时须填写邮箱', messageEn: 'an e-mail address is needed for e-mail' });
    if (!body.quietFrom !== !body.quietTo) errors.push({ field: body.quietFrom ? 'quietTo' : 'quietFrom', code: 'REQUIRED', message: '免打扰时段须同时填写开始和结束', messageEn: 'quiet hours need both a start and an end' });
    if (errors.length > 0) throw invalid(errors);
    const subscription: NotifySubscription = {
      kinds: [...new Set(body.kinds)], divisions: [...new Set(body.divisions)], channel: body.channel, email: body.email ?? null,
      mode: body.mode, quietFrom: body.quietFrom ?? null, quietTo: body.quietTo ?? null,
    };
    await this.subscriptions.upsert(user.id, subscription);
    return subscription;
  }

  listDeliveries(scope: DivisionScope, status?: DeliveryStatus): Promise<NotifyDelivery[]> {
    return this.deliveries.list(scope.divisionCodes, status);
  }

  async resend(scope: DivisionScope, id: string): Promise<void> {
    const found = /^[0-9a-f-]{36}$/i.test(id) ? await this.deliveries.findDeliveryDivision(id) : null;
    if (!found || found.via === 'inapp') throw notFound();
    scope.assertCovers(found.division);
    await this.deliveries.resend(id, new Date());
    // Sent now rather than at the next tick, after any run already going on (which may have missed it);
    // that run claims what is due by a `new Date()` taken after this one.
    void this.delivery.runAfterCurrent().catch(() => undefined);
  }

  inbox(user: AuthenticatedUser): Promise<InboxPage> {
    return this.deliveries.inbox(user.id);
  }

  async markRead(user: AuthenticatedUser, ids: string[] | undefined): Promise<{ marked: number }> {
    return { marked: await this.deliveries.markRead(user.id, ids ?? null) };
  }

  private check(write: ChannelWrite): void {
    const errors: FieldError[] = [];
    if (write.kind !== 'email' && !write.url) errors.push({ field: 'url', code: 'REQUIRED', message: '机器人通道须填写 Webhook 地址', messageEn: 'a robot channel needs its webhook URL' });
    if (write.kind === 'email' && !write.smtp) errors.push({ field: 'smtp', code: 'REQUIRED', message: '邮件通道须填写 SMTP 服务器', messageEn: 'an e-mail channel needs its SMTP server' });
    if (write.kind === 'email' && write.recipients.length === 0) errors.push({ field: 'to', code: 'REQUIRED', message: '邮件通道须至少填写一个收件人', messageEn: 'an e-mail channel needs at least one recipient' });
    if (errors.length > 0) throw invalid(errors);
  }

  private async requireChannel(scope: DivisionScope, id: string): Promise<ChannelRow> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.channels.find(id) : null;
    if (!row) throw notFound();
    if (!scope.covers(row.divisionCode)) throw new ForbiddenException({ statusCode: 403, code: 'OUT_OF_SCOPE', message: '该通道不在您的权限范围内', messageEn: 'This channel is outside your scope' });
    return row;
  }
}
