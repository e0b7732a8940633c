import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type NoticeKind, type NotifySubscription, type Role } from '@app/contracts';

export interface SubscriberRow {
  userId: string;
  username: string;
  role: Role;
  divisionCode: string;
  subscription: NotifySubscription | null;
}

interface Record_ { kinds: NoticeKind[]; divisions: string[]; channel: 'inapp' | 'email'; email: string | null; mode: 'immediate' | 'digest'; quiet_from: string | null; quiet_to: string | null }
const toSubscription = (r: Record_): NotifySubscription => ({ kinds: r.kinds, divisions: r.divisions.map((d) => d.trim()), channel: r.channel, email: r.email, mode: r.mode, quietFrom: r.quiet_from, quietTo: r.quiet_to });

/** notify_subscription: one row per user (what, where from, how, when); no row = the defaults. */
@Injectable()
export class SubscriptionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(userId: string): Promise<NotifySubscription | null> {
    const rows: Record_[] = await this.dataSource.query('SELECT * FROM notify_subscription WHERE user_id = $1', [userId]);
    return rows[0] ? toSubscription(rows[0]) : null;
  }

  async upsert(userId: string, s: NotifySubscription): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notify_subscription (user_id, kinds, divisions, channel, email, mode, quiet_from, quiet_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (user_id) DO UPDATE SET kinds = $2, divisions = $3, channel = $4, email = $5, mode = $6, quiet_from = $7, quiet_to = $8, updated_at = now()`,
      [userId, s.kinds, s.divisions, s.channel, s.email, s.mode, s.quietFrom, s.quietTo],
    );
  }

  /** Every active user with their subscription (null: none saved). */
  async subscribers(): Promise<SubscriberRow[]> {
    const rows: Array<Record_ & { id: string; username: string; role: Role; division_code: string; user_id: string | null }> = await this.dataSource.query(
      `SELECT u.id, u.username, u.role, u.division_code, s.* FROM app_user u LEFT JOIN notify_subscription s ON s.user_id = u.id WHERE u.active ORDER BY u.username`,
    );
    return rows.map((r) => ({ userId: r.id, username: r.username, role: r.role, divisionCode: r.division_code, subscription: r.user_id ? toSubscription(r) : null }));
  }
}
