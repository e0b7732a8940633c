import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionEntity } from './entities/session.entity.js';
import { UserEntity } from './entities/user.entity.js';
import { SessionsRepository } from './sessions.repository.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';
import { DivisionsModule } from '../divisions/divisions.module.js';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity]), DivisionsModule],
  controllers: [UsersController],
  providers: [UsersRepository, SessionsRepository, UsersService],
  exports: [UsersRepository, SessionsRepository, UsersService],
})
export class UsersModule {}
