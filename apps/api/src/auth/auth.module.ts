import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { LoginThrottleEntity } from './entities/login-throttle.entity.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DivisionsModule } from '../divisions/divisions.module.js';
import { UsersModule } from '../users/users.module.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([LoginThrottleEntity]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse the string as a PEM
      // public key on every verify, about a millisecond per request.
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.auth.tokenSecret, 'utf8')), signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
    UsersModule,
    DivisionsModule,
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottleRepository, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [LoginThrottleRepository],
})
export class AuthModule {}
