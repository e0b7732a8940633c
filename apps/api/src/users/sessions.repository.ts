import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { SessionEntity } from './entities/session.entity.js';
import { UserEntity } from './entities/user.entity.js';

/** Sessions belong to the user aggregate: disabling a user or resetting a password ends them. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>) {}

  create(session: Pick<SessionEntity, 'userId' | 'expiresAt' | 'ip' | 'userAgent'>): Promise<SessionEntity> {
    return this.sessions.save(this.sessions.create(session));
  }

  /** The session with its user, if the session is neither revoked nor expired. */
  async findLive(sessionId: string, now: Date): Promise<{ session: SessionEntity; user: UserEntity } | null> {
    const row = await this.sessions
      .createQueryBuilder('s')
      .innerJoinAndMapOne('s.user', UserEntity, 'u', 'u.id = s.user_id')
      .where('s.id = :sessionId', { sessionId })
      .andWhere('s.revoked_at IS NULL')
      .andWhere('s.expires_at > :now', { now })
      .getOne();
    if (!row) return null;
    const { user, ...session } = row as SessionEntity & { user: UserEntity };
    return { session: session as SessionEntity, user };
  }

  async revoke(sessionId: string, at: Date): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: at });
  }

  async revokeAllForUser(userId: string, at: Date, exceptSessionId?: string): Promise<void> {
    const query = this.sessions
      .createQueryBuilder()
      .update()
      .set({ revokedAt: at })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (exceptSessionId) query.andWhere('id <> :exceptSessionId', { exceptSessionId });
    await query.execute();
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
