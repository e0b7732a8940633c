import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type ChannelKind, type NoticeKind, type SmtpSettings } from '@app/contracts';

export interface ChannelRow {
  id: string;
  kind: ChannelKind;
  divisionCode: string;
  divisionName: string;
  name: string;
  url: string | null;
  secret: string | null;
  keyword: string | null;
  smtp: SmtpSettings | null;
  recipients: string[];
  kinds: NoticeKind[];
  active: boolean;
  createdAt: Date;
}

export type ChannelWrite = Omit<ChannelRow, 'id' | 'divisionName' | 'createdAt'>;

const SELECT = `SELECT c.id, c.kind, c.division_code, d.name AS division_name, c.name, c.url, c.secret, c.keyword, c.smtp, c.recipients, c.kinds, c.active, c.created_at
                  FROM notify_channel c JOIN division d ON d.code = c.division_code`;

interface Record_ { id: string; kind: ChannelKind; division_code: string; division_name: string; name: string; url: string | null; secret: string | null; keyword: string | null; smtp: SmtpSettings | null; recipients: string[]; kinds: NoticeKind[]; active: boolean; created_at: Date }
const toRow = (r: Record_): ChannelRow => ({
  id: r.id, kind: r.kind, divisionCode: r.division_code, divisionName: r.division_name, name: r.name, url: r.url, secret: r.secret, keyword: r.keyword,
  smtp: r.smtp, recipients: r.recipients, kinds: r.kinds, active: r.active, createdAt: r.created_at,
});

/** notify_channel: a division's robots and mailing lists (secrets stored, never returned by the API). */
@Injectable()
export class ChannelsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(divisions: readonly string[] | null): Promise<ChannelRow[]> {
    const rows: Record_[] = await this.dataSource.query(
      `${SELECT} ${divisions ? 'WHERE c.division_code = ANY($1::char(6)[])' : ''} ORDER BY c.division_code, c.created_at`,
      divisions ? [divisions] : [],
    );
    return rows.map(toRow);
  }

  async find(id: string): Promise<ChannelRow | null> {
    const rows: Record_[] = await this.dataSource.query(`${SELECT} WHERE c.id = $1`, [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Active channels of a division and of the divisions above it that take this kind. */
  async findFor(kind: NoticeKind, divisions: readonly string[]): Promise<ChannelRow[]> {
    const rows: Record_[] = await this.dataSource.query(`${SELECT} WHERE c.active AND $1 = ANY(c.kinds) AND c.division_code = ANY($2::char(6)[])`, [kind, divisions]);
    return rows.map(toRow);
  }

  async insert(channel: ChannelWrite, createdBy: string): Promise<string> {
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO notify_channel (kind, division_code, name, url, secret, keyword, smtp, recipients, kinds, active, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [channel.kind, channel.divisionCode, channel.name, channel.url, channel.secret, channel.keyword, channel.smtp ? JSON.stringify(channel.smtp) : null, channel.recipients, channel.kinds, channel.active, createdBy],
    );
    return row.id;
  }

  async update(id: string, channel: ChannelWrite): Promise<void> {
    await this.dataSource.query(
      `UPDATE notify_channel SET kind = $2, division_code = $3, name = $4, url = $5, secret = $6, keyword = $7, smtp = $8, recipients = $9, kinds = $10, active = $11, updated_at = now() WHERE id = $1`,
      [id, channel.kind, channel.divisionCode, channel.name, channel.url, channel.secret, channel.keyword, channel.smtp ? JSON.stringify(channel.smtp) : null, channel.recipients, channel.kinds, channel.active],
    );
  }

  async remove(id: string): Promise<void> {
    await this.dataSource.query('DELETE FROM notify_channel WHERE id = $1', [id]);
  }
}
