import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { SessionCheckCache } from './session-check-cache.js';
import { SessionsRepository } from './sessions.repository.js';
import { UsersRepository } from './users.repository.js';
import { UserEntity } from './entities/user.entity.js';
import { type CreateUserDto, type QueryUsersDto, type UpdateUserDto } from './dto/user.dto.js';
import { hashPassword } from '../auth/password-hasher.js';
import { DivisionsService } from '../divisions/divisions.service.js';
import { type DivisionLevel, type Page, type Role, type UserSummary } from '@app/contracts';

// Which level of division each role belongs to: the scope follows from it.
const LEVEL_OF_ROLE: Record<Role, DivisionLevel> = { admin: 'province', city: 'prefecture', leader: 'county', staff: 'county' };
const LEVEL_NAME_ZH: Record<DivisionLevel, string> = { province: '省', prefecture: '市', county: '区县' };

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly divisions: DivisionsService,
    private readonly checkedSessions: SessionCheckCache,
  ) {}

  async listUsers(query: QueryUsersDto): Promise<Page<UserSummary>> {
    const { rows, total } = await this.users.findPage({
      text: query.q?.trim() || undefined,
      role: query.role,
      divisionCode: query.divisionCode,
      active: query.active,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { items: rows.map(({ user, divisionName }) => this.toSummary(user, divisionName)), total, page: query.page, pageSize: query.pageSize };
  }

  async getUser(id: string): Promise<UserSummary> {
    const user = await this.requireUser(id);
    return this.summaryOf(user);
  }

  async createUser(input: CreateUserDto): Promise<UserSummary> {
    const divisionName = await this.checkRoleDivision(input.role, input.divisionCode);
    if (await this.users.findByUsername(input.username)) {
      throw new ConflictException({
        statusCode: 409,
        message: `Username ${input.username} is taken / 用户名已存在`,
        errors: [{ field: 'username', message: 'already taken / 已被使用' }],
      });
    }
    const user = Object.assign(new UserEntity(), {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      divisionCode: input.divisionCode,
      passwordHash: await hashPassword(input.password),
      active: true,
    });
    return this.toSummary(await this.users.save(user), divisionName);
  }

  async updateUser(id: string, input: UpdateUserDto, actingUserId: string): Promise<UserSummary> {
    const user = await this.requireUser(id);
    if (id === actingUserId && (input.active === false || (input.role && input.role !== user.role))) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        message: 'You cannot disable yourself or change your own role / 不能停用自己或修改自己的角色',
        errors: [{ field: input.active === false ? 'active' : 'role', message: 'not allowed on your own account' }],
      });
    }
    const role = input.role ?? user.role;
    const divisionCode = input.divisionCode ?? user.divisionCode;
    const divisionName = await this.checkRoleDivision(role, divisionCode);
    const wasActive = user.active;
    Object.assign(user, {
      displayName: input.displayName ?? user.displayName,
      role,
      divisionCode,
      active: input.active ?? user.active,
    });
    const saved = await this.users.save(user);
    if (wasActive && !saved.active) await this.sessions.revokeAllForUser(id, new Date());
    // A new role or division changes what the user's sessions may do: check them afresh.
    this.checkedSessions.forgetUser(id);
    return this.toSummary(saved, divisionName);
  }

  async resetPassword(id: string, password: string): Promise<void> {
    const user = await this.requireUser(id);
    user.passwordHash = await hashPassword(password);
    await this.users.save(user);
    await this.sessions.revokeAllForUser(id, new Date());
  }

  async summaryOf(user: UserEntity): Promise<UserSummary> {
    const division = await this.divisions.requireDivision(user.divisionCode);
    return this.toSummary(user, division.name);
  }

  private async requireUser(id: string): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundException(`User ${id} does not exist / 用户不存在`);
    return user;
  }

  private async checkRoleDivision(role: Role, divisionCode: string): Promise<string> {
    const division = await this.divisions.requireDivision(divisionCode).catch(() => null);
    if (!division) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        message: 'Validation failed / 输入有误',
        errors: [{ field: 'divisionCode', message: `division ${divisionCode} does not exist / 区划不存在` }],
      });
    }
    if (division.level !== LEVEL_OF_ROLE[role]) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        message: 'Validation failed / 输入有误',
        errors: [{ field: 'divisionCode', message: `a ${role} user belongs to a ${LEVEL_OF_ROLE[role]}-level division, not ${division.name} (${division.level}) / 该角色须属于${LEVEL_NAME_ZH[LEVEL_OF_ROLE[role]]}级区划` }],
      });
    }
    return division.name;
  }

  private toSummary(user: UserEntity, divisionName: string): UserSummary {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      divisionCode: user.divisionCode,
      divisionName,
      active: user.active,
      lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    };
  }
}
