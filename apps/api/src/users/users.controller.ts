import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseUuidPipe } from '../common/params.js';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UsersService } from './users.service.js';
import { CreateUserDto, QueryUsersDto, ResetPasswordDto, UpdateUserDto, UserPageDto, UserResponseDto } from './dto/user.dto.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { type AuthenticatedUser } from '../auth/authenticated-request.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly service: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users (admin)' })
  listUsers(@Query() query: QueryUsersDto): Promise<UserPageDto> {
    return this.service.listUsers(query);
  }

  @Get(':id')
  getUser(@Param('id', new ParseUuidPipe()) id: string): Promise<UserResponseDto> {
    return this.service.getUser(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user with a role and a division (admin)' })
  createUser(@Body() body: CreateUserDto): Promise<UserResponseDto> {
    return this.service.createUser(body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, role, division or enable/disable a user (admin)' })
  updateUser(
    @Param('id', new ParseUuidPipe()) id: string,
    @Body() body: UpdateUserDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<UserResponseDto> {
    return this.service.updateUser(id, body, actor.id);
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiOperation({ summary: "Reset a user's password; ends the user's sessions (admin)" })
  async resetPassword(@Param('id', new ParseUuidPipe()) id: string, @Body() body: ResetPasswordDto): Promise<void> {
    await this.service.resetPassword(id, body.password);
  }
}
