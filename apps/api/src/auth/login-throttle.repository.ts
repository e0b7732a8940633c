import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { LoginThrottleEntity } from './entities/login-throttle.entity.js';

@Injectable()
export class LoginThrottleRepository {
  constructor(@InjectRepository(LoginThrottleEntity) private readonly throttles: Repository<LoginThrottleEntity>) {}

  findLock(username: string): Promise<LoginThrottleEntity | null> {
    return this.throttles.findOneBy({ username });
  }

  /** Counts one more failure atomically (replicas included) and locks at `maxFailures`. */
  async recordFailure(username: string, maxFailures: number, lockMinutes: number): Promise<{ failures: number; lockedUntil: Date | null }> {
    const rows: Array<{ failures: number; locked_until: Date | null }> = await this.throttles.query(
      `INSERT INTO login_throttle (username, failures, locked_until, updated_at)
       VALUES ($1, 1, CASE WHEN 1 >= $2 THEN now() + make_interval(mins => $3) END, now())
       ON CONFLICT (username) DO UPDATE SET
         failures = CASE WHEN login_throttle.locked_until IS NOT NULL AND login_throttle.locked_until <= now() THEN 1 ELSE login_throttle.failures + 1 END,
         locked_until = CASE
           WHEN (CASE WHEN login_throttle.locked_until IS NOT NULL AND login_throttle.locked_until <= now() THEN 1 ELSE login_throttle.failures + 1 END) >= $2
           THEN now() + make_interval(mins => $3) END,
         updated_at = now()
       RETURNING failures, locked_until`,
      [username, maxFailures, lockMinutes],
    );
    return { failures: rows[0].failures, lockedUntil: rows[0].locked_until };
  }

  async clear(username: string): Promise<void> {
    await this.throttles.delete({ username });
  }

  async deleteStale(olderThan: Date): Promise<number> {
    const result = await this.throttles
      .createQueryBuilder()
      .delete()
      .where('updated_at < :olderThan AND (locked_until IS NULL OR locked_until < now())', { olderThan })
      .execute();
    return result.affected ?? 0;
  }
}
