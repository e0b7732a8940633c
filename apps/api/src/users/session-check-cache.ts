import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { type PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { type LiveSessionUser } from './sessions.repository.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** Channel of the trigger notify_session_change() (migration SessionChangeNotify): the payload is a user id. */
export const SESSION_CHANGE_CHANNEL = 'tianfu_session_change';
const MAX_ENTRIES = 10_000;
const MAX_RECONNECT_DELAY_MS = 30_000;

interface Entry {
  live: LiveSessionUser;
  expiresAt: Date;
  cachedUntil: number;
}

/**
 * Checked sessions, kept for a few seconds so that an authenticated request does not need a
 * database round trip of its own (about a third of a small request's time here).
 *
 * Never stale beyond a notification: the database notifies every change that can end a session or
 * change its user's rights, whoever makes it, and each instance LISTENs and forgets that user's
 * sessions; this instance's own changes are forgotten at once as well. While the listener is not
 * connected nothing is cached, so a lost notification cannot keep a revoked session alive;
 * AUTH_SESSION_CACHE_SECONDS only bounds how long an entry lives otherwise.
 */
@Injectable()
export class SessionCheckCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SessionCheckCache.name);
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private listener: pg.Client | null = null;
  private listening = false;
  private stopped = false;
  private reconnectDelayMs = 1_000;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.ttlMs = config.auth.sessionCacheSeconds * 1_000;
  }

  async onModuleInit(): Promise<void> {
    if (this.ttlMs > 0) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.forgetAll();
    await this.listener?.end().catch(() => undefined);
  }

  /** True while change notifications are heard, i.e. while checks are cached at all. */
  get active(): boolean {
    return this.listening;
  }

  /** The cached check of a session, if it is fresh and the session has not expired since. */
  get(sessionId: string, now: Date): LiveSessionUser | null {
    const entry = this.entries.get(sessionId);
    if (!entry) return null;
    if (!this.listening || entry.cachedUntil <= now.getTime() || entry.expiresAt <= now) {
      this.entries.delete(sessionId);
      return null;
    }
    return entry.live;
  }

  remember(live: LiveSessionUser, expiresAt: Date, now: Date): void {
    if (!this.listening || this.ttlMs === 0) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(live.sessionId, { live, expiresAt, cachedUntil: now.getTime() + this.ttlMs });
  }

  forgetSession(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  forgetUser(userId: string): void {
    for (const [sessionId, entry] of this.entries) if (entry.live.user.id === userId) this.entries.delete(sessionId);
  }

  private forgetAll(): void {
    this.entries.clear();
  }

  private async listen(): Promise<void> {
    const { url } = this.dataSource.options as PostgresDataSourceOptions;
    const client = new pg.Client({ connectionString: url, application_name: 'tianfu-kpi-sessions' });
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listening = false;
      this.listener = null;
      this.forgetAll();
      if (this.stopped) return;
      this.logger.warn({ err: error }, `Session change listener lost; sessions are checked in the database until it is back (retry in ${this.reconnectDelayMs} ms)`);
      this.reconnectTimer = setTimeout(() => void this.listen(), this.reconnectDelayMs);
      this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
    };
    client.on('notification', (message) => {
      if (message.channel === SESSION_CHANGE_CHANNEL && message.payload) this.forgetUser(message.payload);
    });
    client.on('error', lost);
    client.on('end', () => lost());
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CHANGE_CHANNEL}`);
      this.listening = true;
      this.reconnectDelayMs = 1_000;
    } catch (error) {
      await client.end().catch(() => undefined);
      lost(error as Error);
    }
  }
}
