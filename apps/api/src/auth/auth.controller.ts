import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService } from './auth.service.js';
import { CurrentUser } from './auth.decorators.js';
import { type AuthenticatedRequest, type AuthenticatedUser } from './authenticated-request.js';
import { DemoAccountsDto, LoginDto, LoginResponseDto } from './dto/auth.dto.js';
import { ChangeOwnPasswordDto, UserResponseDto } from '../users/dto/user.dto.js';

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly service: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; 5 wrong passwords in a row lock the username for 15 minutes (429)' })
  login(@Body() body: LoginDto, @Req() request: AuthenticatedRequest): Promise<LoginResponseDto> {
    return this.service.login(body.username, body.password, { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null });
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.service.logout(user);
  }

  @Get('me')
  @ApiBearerAuth()
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserResponseDto> {
    return this.service.me(user.id);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your own password; your other sessions end' })
  async changeOwnPassword(@CurrentUser() user: AuthenticatedUser, @Body() body: ChangeOwnPasswordDto): Promise<void> {
    await this.service.changeOwnPassword(user, body.currentPassword, body.newPassword);
  }
  @Get('demo-accounts')
  @ApiOperation({ summary: 'The demo sign-ins, only in demo mode' })
  demoAccounts(): Promise<DemoAccountsDto> {
    return this.service.demoAccounts();
  }
}
