import { Injectable, Module } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type NoticeKind } from '@app/contracts';

/** What a change wants said: written to the outbox in the change's own transaction. */
export interface NoticeInput {
  kind: NoticeKind;
  /** What it is about (a project id + warning kind, an event id, a city, a brief's division): with kind and period, sent once. */
  subject: string;
  /** When it applies ('2026-11', a day, a warning's raise time…). */
  period: string;
  division: string;
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  /** In-app path, e.g. '/briefs/<id>'. */
  link?: string | null;
  briefId?: string | null;
}

/**
 * The outbox: each producer calls `record(manager, notice)` inside the transaction of the change
 * that causes it, so the notice exists exactly when the change does. A (kind, subject, period)
 * recorded before is ignored, so the same notice is never delivered twice. The delivery job
 * (notify/delivery) fans it out to channels and subscribers and sends it.
 */
@Injectable()
export class NoticeOutbox {
  async record(manager: EntityManager, notice: NoticeInput): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO notice (kind, subject, period, division_code, title, title_en, body, body_en, link, brief_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (kind, subject, period) DO NOTHING RETURNING id`,
      [notice.kind, notice.subject, notice.period, notice.division, notice.title, notice.titleEn, notice.body, notice.bodyEn, notice.link ?? null, notice.briefId ?? null],
    );
    return rows.length > 0;
  }
}

/** Imported by every module that causes notices (budget, events, ranking, jobs, briefs): it depends on nothing. */
@Module({ providers: [NoticeOutbox], exports: [NoticeOutbox] })
export class NoticeOutboxModule {}
