import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionEntity } from './entities/session.entity.js';
import { UserEntity } from './entities/user.entity.js';
import { SessionCheckCache } from './session-check-cache.js';
import { SessionsRepository } from './sessions.repository.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';
import { DivisionsModule } from '../divisions/divisions.module.js';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity]), DivisionsModule],
  controllers: [UsersController],
  providers: [UsersRepository, SessionsRepository, SessionCheckCache, UsersService],
  exports: [UsersRepository, SessionsRepository, SessionCheckCache, UsersService],
})
export class UsersModule {}
