import { AsyncLocalStorage } from 'node:async_hooks';
import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type Pool } from 'pg';
import { DataSource } from 'typeorm';
import { type PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** Whether the reads of the current request may go to a replica. */
interface ReadRoute {
  replica: boolean;
}

const storage = new AsyncLocalStorage<ReadRoute>();

/** Set on the answer to every write: until it expires, that browser's reads stay on the primary. */
export const READ_PRIMARY_COOKIE = 'tianfu_read_primary';

const cookieUntil = (header: string | undefined): number => {
  const match = header?.match(new RegExp(`(?:^|;\\s*)${READ_PRIMARY_COOKIE}=(\\d+)`));
  return match ? Number(match[1]) : 0;
};

/**
 * Routing of the heavy reads (panels, trend, rankings as district users see them, drill-through
 * and its exports) to the streaming replicas of DATABASE_READ_URLS. Everything else — writes, the
 * rollup refresh, jobs, sign-in, any read that leads to a write — stays on the primary, which is
 * TypeORM's default here (replication.defaultMode 'master'); a repository opts in by taking its
 * pool from `pool()`, and only GET requests may be routed.
 *
 * Reading your own write: a replica replays the primary's WAL with a lag (milliseconds, more under
 * load), so a user who just imported a file, set a target or published a ranking could read the
 * data from before. The answer to every write sets a cookie, and while it lasts
 * (DATABASE_READ_PRIMARY_SECONDS, default 10) that browser's reads go to the primary. A cookie rather
 * than memory: the next request may reach another worker or another api replica, and the browser
 * sends the cookie to all of them. The rule holds while the replicas lag less than those seconds
 * (a lag that long is an incident: see the README); other users read the replicas at once.
 */
@Injectable()
export class ReadReplicas {
  private readonly primaryMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.primaryMs = config.readPrimarySecondsAfterWrite * 1000;
  }

  get configured(): boolean {
    return (this.driver.slaves as Pool[]).length > 0;
  }

  /**
   * The pool a heavy read of the current request uses: a replica (one at random) when there are
   * some and the request may read one, else the primary. Reads that must agree with each other
   * (a panel's version and the panel) take the pool once and use it for both.
   */
  pool(): Pool {
    const replicas = this.driver.slaves as Pool[];
    if (replicas.length === 0 || !storage.getStore()?.replica) return this.driver.master as Pool;
    return replicas[Math.floor(Math.random() * replicas.length)];
  }

  /** Runs `fn` with every read on the primary: reads that decide a write (a ranking draft, …). */
  onPrimary<T>(fn: () => T): T {
    return storage.run({ replica: false }, fn);
  }

  /**
   * A preValidation hook (the context must be set after the body is read, see actorPerRequest):
   * decides the request's route and marks writers. Guards, interceptors and handlers all run after it.
   */
  hook(): (request: FastifyRequest, reply: FastifyReply, done: () => void) => void {
    return (request, reply, done) => {
      if (!this.configured) return done();
      const read = request.method === 'GET' || request.method === 'HEAD';
      if (!read) {
        const until = Date.now() + this.primaryMs;
        reply.header('Set-Cookie', `${READ_PRIMARY_COOKIE}=${until}; Max-Age=${Math.ceil(this.primaryMs / 1000)}; Path=/api; HttpOnly; SameSite=Strict`);
      }
      storage.run({ replica: read && cookieUntil(request.headers.cookie) <= Date.now() }, done);
    };
  }

  private get driver(): PostgresDriver {
    return this.dataSource.driver as PostgresDriver;
  }
}

@Global()
@Module({ providers: [ReadReplicas], exports: [ReadReplicas] })
export class ReadReplicasModule {}
