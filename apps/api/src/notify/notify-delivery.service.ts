import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChannelsRepository, type ChannelRow } from './channels.repository.js';
import { DeliveriesRepository, type DueDelivery, type NewDelivery, type NoticeRow } from './deliveries.repository.js';
import { NoticeOutbox } from './outbox/notice-outbox.js';
import { OWN_ANSWERS, type OutgoingMessage, type SendResult } from './senders/message.js';
import { sendDingtalk } from './senders/dingtalk.js';
import { sendEmail, smtpFromUrl } from './senders/email.js';
import { sendWecom } from './senders/wecom.js';
import { SubscriptionsRepository, type SubscriberRow } from './subscriptions.repository.js';
import { BriefsService } from '../briefs/briefs.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DEFAULT_NOTICE_KINDS, type NotifySubscription } from '@app/contracts';
import { tryAdvisoryLock, withAdvisoryLock } from '../database/advisory-lock.js';

const SEND_LOCK = createHash('sha256').update('tianfu-kpi:notify-delivery:send').digest().readBigInt64BE(0);
const BEIJING_MS = 8 * 3600_000;

/** Minutes since Beijing midnight. */
const beijingMinutes = (at: Date) => Math.floor(((at.getTime() + BEIJING_MS) % 86_400_000) / 60_000);
const hhmm = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));

/** When a subscriber's e-mail may go: the next digest hour, or the end of the quiet hours, or now (pure). */
export function scheduleFor(subscription: Pick<NotifySubscription, 'mode' | 'quietFrom' | 'quietTo'>, now: Date, digestHour: number): Date {
  const minutes = beijingMinutes(now);
  const at = (target: number) => new Date(now.getTime() + (((target - minutes + 1440) % 1440) || 1440) * 60_000 - (now.getTime() % 60_000));
  if (subscription.mode === 'digest') return at(digestHour * 60);
  if (subscription.quietFrom && subscription.quietTo) {
    const from = hhmm(subscription.quietFrom);
    const to = hhmm(subscription.quietTo);
    const quiet = from <= to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
    if (quiet) return at(to);
  }
  return now;
}

/** Whether a user hears of a notice: the kind subscribed (or their role's default), the division in their scope and their filter. */
export function subscriberWants(user: SubscriberRow, userAncestry: string[], notice: Pick<NoticeRow, 'kind' | 'divisionCode'>, noticeAncestry: string[]): boolean {
  const kinds = user.subscription?.kinds ?? DEFAULT_NOTICE_KINDS[user.role];
  if (!kinds.includes(notice.kind)) return false;
  if (notice.kind === 'job_failed' && user.role !== 'admin') return false;
  // In scope: the notice's division is the user's or under it; a city's ranking also reaches its districts.
  const inScope = user.role === 'admin' || noticeAncestry.includes(user.divisionCode) || (notice.kind === 'ranking_published' && userAncestry.includes(notice.divisionCode));
  if (!inScope) return false;
  const filter = user.subscription?.divisions ?? [];
  return filter.length === 0 || filter.some((d) => noticeAncestry.includes(d) || (notice.kind === 'ranking_published' && userAncestry.includes(d)));
}

/**
 * The delivery job's work: writes "still waiting" notices, fans each new notice out to the
 * channels and subscribers it concerns (the bell at once), then sends what is due — robots at most
 * NOTIFY_ROBOT_PER_MINUTE a minute each, failures retried with exponential back-off, every attempt
 * recorded. One instance at a time (advisory lock), rows claimed with SKIP LOCKED.
 */
@Injectable()
export class NotifyDeliveryService {
  private readonly logger = new Logger(NotifyDeliveryService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveries: DeliveriesRepository,
    private readonly channels: ChannelsRepository,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly outbox: NoticeOutbox,
    private readonly briefs: BriefsService,
  ) {}

  /** The job's run: skipped when another instance is sending (the next tick comes in a minute). */
  async run(now = new Date()): Promise<{ rows: number; skipped?: boolean }> {
    const outcome = await tryAdvisoryLock(this.dataSource, SEND_LOCK, () => this.deliver(now));
    return outcome.ran ? { rows: outcome.value } : { rows: 0, skipped: true };
  }

  /**
   * A run for something made due just now (a resend): it waits for a run already going on, here or on
   * another instance, and then runs, because that run may have read what was due before this became due.
   */
  async runAfterCurrent(): Promise<number> {
    return withAdvisoryLock(this.dataSource, SEND_LOCK, () => this.deliver(new Date()));
  }

  private async deliver(now: Date): Promise<number> {
    await this.recordLongWaits(now);
    const fanned = await this.fanOut(now);
    const sent = await this.sendDue(now);
    return fanned + sent;
  }

  /** Sends one message to a channel now, outside the outbox (the "test" button). */
  async sendTest(channel: ChannelRow, message: OutgoingMessage): Promise<SendResult> {
    return this.send(channel.kind, channel, null, message, 0);
  }

  private async recordLongWaits(now: Date): Promise<void> {
    const days = this.config.notify.eventWaitingDays;
    for (const event of await this.deliveries.findLongWaitingEvents(now, days)) {
      await this.deliveries.transaction((manager) => this.outbox.record(manager, {
        kind: 'event_waiting', subject: event.id, period: event.submittedDay, division: event.divisionCode, link: `/events/${event.id}`,
        title: `${event.divisionName}「${event.title}」提交后已等待审核超过${days}天`,
        titleEn: `${event.divisionName}: "${event.title}" has waited more than ${days} days for review`,
        body: `提交日期 ${event.submittedDay}，请尽快审核。`, bodyEn: `Submitted on ${event.submittedDay}; please review it.`,
      }));
    }
  }

  private async fanOut(now: Date): Promise<number> {
    let subscribers: SubscriberRow[] | null = null;
    const ancestry = new Map<string, string[]>();
    const ancestryOf = async (code: string) => {
      if (!ancestry.has(code)) ancestry.set(code, await this.deliveries.ancestry(code));
      return ancestry.get(code)!;
    };
    let total = 0;
    for (;;) {
      const count = await this.deliveries.transaction(async (manager) => {
        const notices = await this.deliveries.claimNew(manager);
        if (notices.length > 0 && !subscribers) subscribers = await this.subscriptions.subscribers();
        for (const notice of notices) {
          const up = await ancestryOf(notice.divisionCode);
          const planned: NewDelivery[] = (await this.channels.findFor(notice.kind, up)).map((c) => ({ channelId: c.id, via: c.kind, nextAttemptAt: now }));
          for (const user of subscribers!) {
            if (!subscriberWants(user, await ancestryOf(user.divisionCode), notice, up)) continue;
            planned.push({ userId: user.userId, via: 'inapp', sent: true, nextAttemptAt: now });
            const s = user.subscription;
            if (s?.channel === 'email' && s.email) {
              planned.push({ userId: user.userId, via: 'email', address: s.email, digest: s.mode === 'digest', nextAttemptAt: scheduleFor(s, now, this.config.notify.digestHour) });
            }
          }
          await this.deliveries.addDeliveries(manager, notice.id, planned);
        }
        return notices.length;
      });
      total += count;
      if (count === 0) return total;
    }
  }

  private async sendDue(now: Date): Promise<number> {
    let handled = 0;
    const notices = new Map<string, NoticeRow>();
    const noticeOf = async (id: string) => {
      if (!notices.has(id)) notices.set(id, (await this.deliveries.findNotice(id))!);
      return notices.get(id)!;
    };
    const seen = new Set<string>();
    for (;;) {
      const progressed = await this.deliveries.transaction(async (manager) => {
        const due = (await this.deliveries.claimDue(manager, now)).filter((d) => !seen.has(d.id));
        for (const delivery of due) seen.add(delivery.id);
        // Digest e-mails of one address go as one message.
        const digests = new Map<string, DueDelivery[]>();
        for (const d of due.filter((x) => x.digest)) digests.set(d.address!, [...(digests.get(d.address!) ?? []), d]);
        for (const [address, group] of digests) {
          const items = await Promise.all(group.map((d) => noticeOf(d.noticeId)));
          const message: OutgoingMessage = {
            kind: 'digest', title: `天府科技云 KPI 每日通知汇总（${items.length} 条）`,
            body: items.map((n, i) => `${i + 1}. ${n.title}\n${n.body}`).join('\n\n'), url: this.config.notify.publicBaseUrl ?? null, file: null,
          };
          const result = await this.sendUserEmail(address, message);
          for (const d of group) await this.deliveries.recordAttempt(manager, d, result, this.nextState(d, result, now));
        }
        for (const delivery of due.filter((d) => !d.digest)) {
          const notice = await noticeOf(delivery.noticeId);
          const channel = delivery.channelId ? await this.channels.find(delivery.channelId) : null;
          if (delivery.channelId && (!channel || !channel.active)) {
            await this.deliveries.recordAttempt(manager, delivery, { ok: false, status: null, response: OWN_ANSWERS.channelOff }, { status: 'failed', nextAttemptAt: now });
            continue;
          }
          if (channel && channel.kind !== 'email') {
            const recent = await this.deliveries.recentAttempts(manager, channel.id, now);
            if (recent.count >= this.config.notify.robotPerMinute) {
              // The robot's limit (20 a minute): wait until the oldest attempt leaves the window.
              await this.deliveries.postpone(manager, delivery.id, new Date((recent.oldest ?? now).getTime() + 60_000));
              continue;
            }
          }
          const message = await this.messageOf(notice, delivery.via === 'wecom' || delivery.via === 'email');
          const result = channel ? await this.send(channel.kind, channel, null, message, delivery.stepsDone) : await this.sendUserEmail(delivery.address!, message);
          await this.deliveries.recordAttempt(manager, delivery, result, this.nextState(delivery, result, now));
        }
        return due.length;
      });
      handled += progressed;
      if (progressed === 0) return handled;
    }
  }

  private nextState(delivery: DueDelivery, result: SendResult, now: Date): { status: 'sent' | 'pending' | 'failed'; nextAttemptAt: Date } {
    if (result.ok) return { status: 'sent', nextAttemptAt: now };
    const attempts = delivery.attempts + 1;
    if (attempts >= this.config.notify.maxAttempts) return { status: 'failed', nextAttemptAt: now };
    const backoff = this.config.notify.retryBaseSeconds * 1000 * 2 ** (attempts - 1);
    // A rate-limit answer waits at least for the robot's minute to pass.
    return { status: 'pending', nextAttemptAt: new Date(now.getTime() + (result.rateLimited ? Math.max(backoff, 60_000) : backoff)) };
  }

  private async messageOf(notice: NoticeRow, withFile: boolean): Promise<OutgoingMessage> {
    const base = this.config.notify.publicBaseUrl;
    let file: OutgoingMessage['file'] = null;
    if (withFile && notice.briefId) {
      try {
        const pdf = await this.briefs.pdfForNotice(notice.briefId);
        if (pdf) file = { name: `${pdf.brief.divisionName}${pdf.brief.month}月度工作简报.pdf`, bytes: pdf.bytes };
      } catch (error) {
        // No Chromium: the notice still goes, without the file.
        this.logger.warn({ err: error, briefId: notice.briefId }, 'Brief PDF not attached');
      }
    }
    return { kind: notice.kind, title: notice.title, body: notice.body, url: base && notice.link ? `${base}${notice.link}` : null, file };
  }

  private send(kind: ChannelRow['kind'], channel: ChannelRow, _address: string | null, message: OutgoingMessage, stepsDone: number): Promise<SendResult> {
    const timeout = this.config.notify.timeoutMs;
    if (kind === 'wecom') return sendWecom(channel.url!, message, stepsDone, timeout);
    if (kind === 'dingtalk') return sendDingtalk(channel.url!, channel.secret, channel.keyword, message, timeout);
    return sendEmail(channel.smtp!, channel.recipients, message, timeout);
  }

  private sendUserEmail(address: string, message: OutgoingMessage): Promise<SendResult> {
    if (!this.config.notify.smtpUrl) return Promise.resolve({ ok: false, status: null, response: OWN_ANSWERS.noSmtp });
    return sendEmail(smtpFromUrl(this.config.notify.smtpUrl, this.config.notify.smtpFrom), [address], message, this.config.notify.timeoutMs);
  }
}
