import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEntity } from './entities/user.entity.js';
import { type Role } from '@app/contracts';

export interface UserWithDivision {
  user: UserEntity;
  divisionName: string;
}

export interface UserFilter {
  text?: string;
  role?: Role;
  divisionCode?: string;
  active?: boolean;
  offset: number;
  limit: number;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username: username.toLowerCase() });
  }

  count(): Promise<number> {
    return this.users.count();
  }

  async findPage(filter: UserFilter): Promise<{ rows: UserWithDivision[]; total: number }> {
    const query = this.users
      .createQueryBuilder('u')
      .leftJoin('division', 'd', 'd.code = u.division_code')
      .addSelect('d.name', 'division_name')
      .orderBy('u.username');
    if (filter.text) {
      query.andWhere('(u.username ILIKE :text OR u.display_name ILIKE :text)', { text: `%${filter.text.replace(/[%_\\]/g, '\\$&')}%` });
    }
    if (filter.role) query.andWhere('u.role = :role', { role: filter.role });
    if (filter.divisionCode) query.andWhere('u.division_code = :division', { division: filter.divisionCode });
    if (filter.active !== undefined) query.andWhere('u.active = :active', { active: filter.active });
    const total = await query.getCount();
    const { entities, raw } = await query.offset(filter.offset).limit(filter.limit).getRawAndEntities<{ division_name: string }>();
    return { rows: entities.map((user, i) => ({ user, divisionName: raw[i]?.division_name ?? '' })), total };
  }

  save(user: UserEntity): Promise<UserEntity> {
    return this.users.save(user);
  }

  // Bookkeeping, not a business change: skips the audit subscriber on purpose.
  async touchLastLogin(id: string, at: Date): Promise<void> {
    await this.users.createQueryBuilder().update().set({ lastLoginAt: at }).where('id = :id', { id }).callListeners(false).updateEntity(false).execute();
  }
}
