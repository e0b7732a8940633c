import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { LoginThrottleRepository } from './login-throttle.repository.js';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password-hasher.js';
import { DivisionScope } from './division-scope.js';
import { type AuthenticatedUser } from './authenticated-request.js';
import { type DemoAccountsDto } from './dto/auth.dto.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AuditService } from '../audit/audit.service.js';
import { DivisionsService } from '../divisions/divisions.service.js';
import { SessionCheckCache } from '../users/session-check-cache.js';
import { VerifiedTokens } from './verified-tokens.js';
import { SessionsRepository } from '../users/sessions.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../database/demo/demo-accounts.js';
import { type LoginResponse, type UserSummary } from '@app/contracts';

interface TokenClaims {
  sub: string;
  sid: string;
  exp?: number;
}

const WRONG_CREDENTIALS = 'Wrong username or password / 用户名或密码错误';

export class TooManyAttemptsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      { statusCode: 429, message: `Too many failed sign-ins; try again in ${minutes} min / 登录失败次数过多，请 ${minutes} 分钟后再试`, retryAfterSeconds },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

@Injectable()
export class AuthService {
  private readonly verifiedTokens = new VerifiedTokens<TokenClaims>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly sessions: SessionsRepository,
    private readonly checkedSessions: SessionCheckCache,
    private readonly throttle: LoginThrottleRepository,
    private readonly divisions: DivisionsService,
    private readonly audit: AuditService,
  ) {}

  async login(username: string, password: string, client: { ip: string | null; userAgent: string | null }): Promise<LoginResponse> {
    const lock = await this.throttle.findLock(username);
    if (lock?.lockedUntil && lock.lockedUntil > new Date()) throw new TooManyAttemptsException(this.secondsUntil(lock.lockedUntil));

    const user = await this.users.findByUsername(username);
    const passwordOk = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user || !passwordOk || !user.active) {
      const { failures, lockedUntil } = await this.throttle.recordFailure(username, this.config.auth.loginMaxFailures, this.config.auth.loginLockMinutes);
      await this.audit.recordSecurityEvent('login_failed', { id: user?.id ?? null, username }, { failures, ip: client.ip, reason: !user ? 'unknown user' : !passwordOk ? 'wrong password' : 'disabled' });
      if (lockedUntil) throw new TooManyAttemptsException(this.secondsUntil(lockedUntil));
      // A disabled account gets the same answer as a wrong password: nothing to learn by guessing.
      throw new UnauthorizedException(WRONG_CREDENTIALS);
    }

    await this.throttle.clear(username);
    const expiresAt = new Date(Date.now() + this.config.auth.tokenTtlMinutes * 60_000);
    const session = await this.sessions.create({ userId: user.id, expiresAt, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null });
    const now = new Date();
    await this.users.touchLastLogin(user.id, now);
    user.lastLoginAt = now;
    await this.audit.recordSecurityEvent('login', { id: user.id, username: user.username }, { ip: client.ip });
    const claims: TokenClaims = { sub: user.id, sid: session.id };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.auth.tokenTtlMinutes * 60 });
    return { accessToken, expiresAt: expiresAt.toISOString(), user: await this.usersService.summaryOf(user) };
  }

  async logout(user: AuthenticatedUser): Promise<void> {
    await this.sessions.revoke(user.sessionId, new Date());
    await this.audit.recordSecurityEvent('logout', { id: user.id, username: user.username });
  }

  /** Resolves a bearer token to its user and division scope, or throws 401. */
  async authenticate(token: string): Promise<{ user: AuthenticatedUser; scope: DivisionScope }> {
    let claims = this.verifiedTokens.get(token);
    if (!claims) {
      try {
        claims = await this.jwt.verifyAsync<TokenClaims>(token);
      } catch {
        throw new UnauthorizedException('Your session has expired or is invalid; please sign in again / 登录已失效，请重新登录');
      }
      this.verifiedTokens.remember(token, claims);
    }
    // A token signed with our secret but not by us (a leaked secret, a test's forgery) must not reach
    // the uuid columns with anything else: that answered 500.
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || !isUUID(claims.sub) || !isUUID(claims.sid)) {
      throw new UnauthorizedException('Your session has expired or is invalid; please sign in again / 登录已失效，请重新登录');
    }
    const now = new Date();
    let live = this.checkedSessions.get(claims.sid, now);
    if (!live) {
      const checked = await this.sessions.findLiveSessionUser(claims.sid, now);
      if (checked) this.checkedSessions.remember(checked.live, checked.expiresAt, now);
      live = checked?.live ?? null;
    }
    if (!live || live.user.id !== claims.sub || !live.user.active) {
      throw new UnauthorizedException('Your session has ended; please sign in again / 会话已结束，请重新登录');
    }
    const { user } = live;
    const scope =
      user.role === 'admin'
        ? DivisionScope.unrestricted(user.role, user.divisionCode)
        : user.role === 'city'
          ? DivisionScope.limitedTo(user.role, user.divisionCode, await this.divisions.subtreeCodes(user.divisionCode))
          : DivisionScope.limitedTo(user.role, user.divisionCode, [user.divisionCode]);
    return {
      user: { id: user.id, username: user.username, role: user.role, divisionCode: user.divisionCode, sessionId: live.sessionId },
      scope,
    };
  }

  async me(userId: string): Promise<UserSummary> {
    return this.usersService.getUser(userId);
  }

  async changeOwnPassword(actor: AuthenticatedUser, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findById(actor.id);
    if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
      throw new UnauthorizedException({ statusCode: 401, message: 'Current password is wrong / 当前密码不正确', errors: [{ field: 'currentPassword', message: 'wrong password' }] });
    }
    user.passwordHash = await hashPassword(newPassword);
    await this.users.save(user);
    await this.sessions.revokeAllForUser(user.id, new Date(), actor.sessionId);
  }

  async demoAccounts(): Promise<DemoAccountsDto> {
    if (!this.config.demoData) return { enabled: false, accounts: [] };
    const accounts = [];
    for (const account of DEMO_ACCOUNTS) {
      const division = await this.divisions.requireDivision(account.divisionCode);
      accounts.push({ username: account.username, role: account.role, divisionName: division.name });
    }
    return { enabled: true, password: DEMO_PASSWORD, accounts };
  }

  private secondsUntil(at: Date): number {
    return Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000));
  }
}
