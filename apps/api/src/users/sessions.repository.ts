import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { SessionEntity } from './entities/session.entity.js';
import { SessionCheckCache } from './session-check-cache.js';
import { type Role } from '@app/contracts';

export interface LiveSessionUser {
  sessionId: string;
  user: { id: string; username: string; role: Role; divisionCode: string; active: boolean };
}

export interface CheckedSession {
  live: LiveSessionUser;
  expiresAt: Date;
}

/** Sessions belong to the user aggregate: disabling a user or resetting a password ends them. */
@Injectable()
export class SessionsRepository {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly checked: SessionCheckCache,
  ) {}

  create(session: Pick<SessionEntity, 'userId' | 'expiresAt' | 'ip' | 'userAgent'>): Promise<SessionEntity> {
    return this.sessions.save(this.sessions.create(session));
  }

  /**
   * The signed-in user behind a live (neither revoked nor expired) session. Runs on every
   * authenticated request, so it is one indexed query that reads only what the guard needs
   * (never the password hash).
   */
  async findLiveSessionUser(sessionId: string, now: Date): Promise<CheckedSession | null> {
    const rows: Array<{ id: string; username: string; role: Role; division_code: string; active: boolean; expires_at: Date }> = await this.sessions.query(
      `SELECT u.id, u.username, u.role, u.division_code, u.active, s.expires_at
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`,
      [sessionId, now],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      live: { sessionId, user: { id: row.id, username: row.username, role: row.role, divisionCode: row.division_code, active: row.active } },
      expiresAt: row.expires_at,
    };
  }

  async revoke(sessionId: string, at: Date): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: at });
    this.checked.forgetSession(sessionId); // other instances hear of it from the database (NOTIFY)
  }

  async revokeAllForUser(userId: string, at: Date, exceptSessionId?: string): Promise<void> {
    const query = this.sessions
      .createQueryBuilder()
      .update()
      .set({ revokedAt: at })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (exceptSessionId) query.andWhere('id <> :exceptSessionId', { exceptSessionId });
    await query.execute();
    this.checked.forgetUser(userId);
  }

  /** Removes sessions that ended more than `olderThan` ago; returns how many. */
  async deleteEndedBefore(olderThan: Date): Promise<number> {
    const result = await this.sessions
      .createQueryBuilder()
      .delete()
      .where('expires_at < :olderThan OR revoked_at < :olderThan', { olderThan })
      .execute();
    return result.affected ?? 0;
  }
}
