import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  type ChangeOwnPasswordRequest,
  type CreateUserRequest,
  type ResetPasswordRequest,
  ROLES,
  type Role,
  type UpdateUserRequest,
  type UserSummary,
} from '@app/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;
const USERNAME_MESSAGE = 'username must be 3–32 characters of a–z, 0–9, dot, dash or underscore / 用户名须为3–32位小写字母、数字或 . _ -';

export class UserResponseDto implements UserSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'xiqu-staff' }) username: string;
  @ApiProperty({ example: '西区科协 工作人员' }) displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ example: '510403' }) divisionCode: string;
  @ApiProperty({ example: '西区' }) divisionName: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ nullable: true, type: String }) lastLoginAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserResponseDto] }) items: UserResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class QueryUsersDto {
  @ApiPropertyOptional({ description: 'Matches username or display name' })
  @IsOptional() @IsString() @MaxLength(64)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ example: '510403' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'divisionCode must be a 6-digit division code' })
  divisionCode?: string;

  @ApiPropertyOptional()
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  page = 1;

  @ApiPropertyOptional({ default: 20, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  pageSize = 20;
}

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'renhe-staff' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString() @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username: string;

  @ApiProperty({ example: '仁和区科协 工作人员' })
  @Transform(trim) @IsString() @MinLength(1, { message: 'displayName is required / 请填写姓名' }) @MaxLength(64)
  displayName: string;

  @ApiProperty({ minLength: 8 })
  @IsString() @MinLength(8, { message: 'password must be at least 8 characters / 密码至少8位' }) @MaxLength(128)
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiProperty({ example: '510411' })
  @Matches(/^\d{6}$/, { message: 'divisionCode must be a 6-digit division code' })
  divisionCode: string;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(64)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ example: '510403' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'divisionCode must be a 6-digit division code' })
  divisionCode?: string;

  @ApiPropertyOptional({ description: 'false disables the account and ends its sessions' })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class ResetPasswordDto implements ResetPasswordRequest {
  @ApiProperty({ minLength: 8 })
  @IsString() @MinLength(8, { message: 'password must be at least 8 characters / 密码至少8位' }) @MaxLength(128)
  password: string;
}

export class ChangeOwnPasswordDto implements ChangeOwnPasswordRequest {
  @ApiProperty()
  @IsString() @MinLength(1, { message: 'currentPassword is required' })
  currentPassword: string;

  @ApiProperty({ minLength: 8 })
  @IsString() @MinLength(8, { message: 'newPassword must be at least 8 characters / 新密码至少8位' }) @MaxLength(128)
  newPassword: string;
}
