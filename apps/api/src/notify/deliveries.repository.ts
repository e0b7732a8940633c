import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type ChannelKind, type DeliveryStatus, type InboxItem, type NoticeKind, type NotifyDelivery, type SubscriptionChannel } from '@app/contracts';

export interface NoticeRow {
  id: string;
  kind: NoticeKind;
  subject: string;
  period: string;
  divisionCode: string;
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  link: string | null;
  briefId: string | null;
}

export interface NewDelivery {
  channelId?: string;
  userId?: string;
  via: ChannelKind | 'inapp';
  address?: string | null;
  digest?: boolean;
  /** In-app notices are delivered by being written. */
  sent?: boolean;
  /** The run's own `now` (or later), so that the run which fans a notice out also sends it. */
  nextAttemptAt: Date;
}

export interface DueDelivery {
  id: string;
  noticeId: string;
  channelId: string | null;
  userId: string | null;
  via: ChannelKind;
  address: string | null;
  digest: boolean;
  attempts: number;
  stepsDone: number;
}

const NOTICE_COLUMNS = `n.id, n.kind, n.subject, n.period, n.division_code AS "divisionCode", n.title, n.title_en AS "titleEn", n.body, n.body_en AS "bodyEn", n.link, n.brief_id AS "briefId"`;

/** notice, notify_delivery and notify_attempt: what is to be said, to whom, and every try. */
@Injectable()
export class DeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Notices not yet fanned out, locked for this transaction (another instance skips them). */
  claimNew(manager: EntityManager, limit = 200): Promise<NoticeRow[]> {
    return manager.query(`SELECT ${NOTICE_COLUMNS} FROM notice n WHERE n.fanned_out_at IS NULL ORDER BY n.created_at LIMIT $1 FOR UPDATE SKIP LOCKED`, [limit]);
  }

  async addDeliveries(manager: EntityManager, noticeId: string, deliveries: NewDelivery[]): Promise<void> {
    for (const d of deliveries) {
      await manager.query(
        `INSERT INTO notify_delivery (notice_id, channel_id, user_id, via, address, digest, status, sent_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [noticeId, d.channelId ?? null, d.userId ?? null, d.via, d.address ?? null, d.digest ?? false, d.sent ? 'sent' : 'pending', d.sent ? new Date() : null, d.nextAttemptAt],
      );
    }
    await manager.query('UPDATE notice SET fanned_out_at = now() WHERE id = $1', [noticeId]);
  }

  findNotice(id: string): Promise<NoticeRow | undefined> {
    return this.dataSource.query(`SELECT ${NOTICE_COLUMNS} FROM notice n WHERE n.id = $1`, [id]).then((rows: NoticeRow[]) => rows[0]);
  }

  /** Pending deliveries whose time has come (not the bell), oldest first, locked (SKIP LOCKED). */
  claimDue(manager: EntityManager, now: Date, limit = 100): Promise<DueDelivery[]> {
    return manager.query(
      `SELECT id, notice_id AS "noticeId", channel_id AS "channelId", user_id AS "userId", via, address, digest, attempts, steps_done AS "stepsDone"
         FROM notify_delivery WHERE status = 'pending' AND via <> 'inapp' AND next_attempt_at <= $1
        ORDER BY next_attempt_at, created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  /**
   * Attempts on a channel in the minute before `now`, and when the oldest of them falls out of it.
   * Read in the sending transaction, so that the attempts this batch has made already count.
   */
  async recentAttempts(manager: EntityManager, channelId: string, now: Date): Promise<{ count: number; oldest: Date | null }> {
    const [row]: Array<{ count: string; oldest: Date | null }> = await manager.query(
      `SELECT count(*) AS count, min(at) AS oldest FROM notify_attempt WHERE channel_id = $1 AND at > $2::timestamptz - interval '1 minute'`,
      [channelId, now],
    );
    return { count: Number(row.count), oldest: row.oldest };
  }

  async recordAttempt(
    manager: EntityManager,
    delivery: DueDelivery,
    result: { ok: boolean; status: number | null; response: string; stepsDone?: number },
    next: { status: DeliveryStatus; nextAttemptAt: Date },
  ): Promise<void> {
    await manager.query('INSERT INTO notify_attempt (delivery_id, channel_id, ok, http_status, response) VALUES ($1, $2, $3, $4, $5)', [delivery.id, delivery.channelId, result.ok, result.status, result.response]);
    await manager.query(
      `UPDATE notify_delivery SET attempts = attempts + 1, status = $2, next_attempt_at = $3, last_response = $4, steps_done = $5,
              sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END WHERE id = $1`,
      [delivery.id, next.status, next.nextAttemptAt, result.response, result.stepsDone ?? delivery.stepsDone],
    );
  }

  async postpone(manager: EntityManager, id: string, until: Date): Promise<void> {
    await manager.query('UPDATE notify_delivery SET next_attempt_at = $2 WHERE id = $1', [id, until]);
  }

  async list(divisions: readonly string[] | null, status: DeliveryStatus | undefined, limit = 300): Promise<NotifyDelivery[]> {
    const params: unknown[] = [limit];
    const where = ["dl.via <> 'inapp'"];
    if (divisions) { params.push(divisions); where.push(`n.division_code = ANY($${params.length}::char(6)[])`); }
    if (status) { params.push(status); where.push(`dl.status = $${params.length}`); }
    const rows: Array<{ id: string; notice_id: string; kind: NoticeKind; title: string; title_en: string; division_code: string; channel_id: string | null; channel_name: string | null; channel_kind: ChannelKind | null; username: string | null; via: string; status: DeliveryStatus; attempts: number; next_attempt_at: Date; last_response: string | null; sent_at: Date | null; created_at: Date }> =
      await this.dataSource.query(
        `SELECT dl.id, dl.notice_id, n.kind, n.title, n.title_en, n.division_code, dl.channel_id, c.name AS channel_name, c.kind AS channel_kind, u.username, dl.via,
                dl.status, dl.attempts, dl.next_attempt_at, dl.last_response, dl.sent_at, dl.created_at
           FROM notify_delivery dl JOIN notice n ON n.id = dl.notice_id
           LEFT JOIN notify_channel c ON c.id = dl.channel_id LEFT JOIN app_user u ON u.id = dl.user_id
          WHERE ${where.join(' AND ')} ORDER BY dl.created_at DESC LIMIT $1`,
        params,
      );
    return rows.map((r) => ({
      id: r.id, noticeId: r.notice_id, kind: r.kind, title: r.title, titleEn: r.title_en, division: r.division_code,
      target: r.channel_id ? { type: 'channel', channelId: r.channel_id, channelName: r.channel_name ?? '', channelKind: r.channel_kind! } : { type: 'user', username: r.username ?? '', channel: r.via as SubscriptionChannel },
      status: r.status, attempts: r.attempts, nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null, lastResponse: r.last_response,
      sentAt: r.sent_at?.toISOString() ?? null, createdAt: r.created_at.toISOString(),
    }));
  }

  async findDeliveryDivision(id: string): Promise<{ division: string; via: string } | null> {
    const rows: Array<{ division: string; via: string }> = await this.dataSource.query(
      'SELECT n.division_code AS division, dl.via FROM notify_delivery dl JOIN notice n ON n.id = dl.notice_id WHERE dl.id = $1', [id]);
    return rows[0] ?? null;
  }

  /**
   * Resend: pending again, due `at`, with a fresh count of attempts (the earlier ones stay recorded).
   * `at` is the app's clock, the one the delivery run claims with: the database's `now()` has
   * microseconds (and may be another machine's clock), so a run starting within the same millisecond
   * as the resend, or on a clock a little behind, passed over it until the next tick.
   */
  async resend(id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE notify_delivery SET status = 'pending', attempts = 0, next_attempt_at = $2, steps_done = 0 WHERE id = $1`, [id, at]);
  }

  async inbox(userId: string, limit = 50): Promise<{ unread: number; items: InboxItem[] }> {
    const rows: Array<{ id: string; kind: NoticeKind; title: string; title_en: string; body: string; body_en: string; link: string | null; created_at: Date; read_at: Date | null }> = await this.dataSource.query(
      `SELECT dl.id, n.kind, n.title, n.title_en, n.body, n.body_en, n.link, dl.created_at, dl.read_at
         FROM notify_delivery dl JOIN notice n ON n.id = dl.notice_id
        WHERE dl.user_id = $1 AND dl.via = 'inapp' ORDER BY dl.created_at DESC, n.created_at DESC LIMIT $2`,
      [userId, limit],
    );
    const [count]: Array<{ n: string }> = await this.dataSource.query(`SELECT count(*) AS n FROM notify_delivery WHERE user_id = $1 AND via = 'inapp' AND read_at IS NULL`, [userId]);
    return {
      unread: Number(count.n),
      items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, titleEn: r.title_en, body: r.body, bodyEn: r.body_en, link: r.link, createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null })),
    };
  }

  async markRead(userId: string, ids: string[] | null): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE notify_delivery SET read_at = now() WHERE user_id = $1 AND via = 'inapp' AND read_at IS NULL ${ids ? 'AND id = ANY($2::uuid[])' : ''} RETURNING id`,
      ids ? [userId, ids] : [userId],
    );
    return rows.length;
  }

  /** Submitted events that have waited longer than `days` (for "still waiting" notices). */
  findLongWaitingEvents(now: Date, days: number): Promise<Array<{ id: string; title: string; divisionCode: string; divisionName: string; submittedDay: string }>> {
    return this.dataSource.query(
      `SELECT e.id, e.title, e.division_code AS "divisionCode", d.name AS "divisionName", to_char(e.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "submittedDay"
         FROM outreach_event e JOIN division d ON d.code = e.division_code
        WHERE e.status = 'submitted' AND e.submitted_at < $1::timestamptz - make_interval(days => $2) ORDER BY e.submitted_at LIMIT 500`,
      [now, days],
    );
  }

  /** The division and the ones above it (county → city → province). */
  async ancestry(division: string): Promise<string[]> {
    const rows: Array<{ code: string }> = await this.dataSource.query(
      `WITH RECURSIVE up AS (SELECT code, parent_code FROM division WHERE code = $1 UNION ALL SELECT d.code, d.parent_code FROM division d JOIN up ON d.code = up.parent_code) SELECT code FROM up`,
      [division],
    );
    return rows.map((r) => r.code);
  }
}
