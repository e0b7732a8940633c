import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { type LoginRequest, type LoginResponse } from '@app/contracts';
import { UserResponseDto } from '../../users/dto/user.dto.js';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'xiqu-leader' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString({ message: 'username is required / 请输入用户名' })
  @MinLength(1, { message: 'username is required / 请输入用户名' })
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'demo1234' })
  @IsString({ message: 'password is required / 请输入密码' })
  @MinLength(1, { message: 'password is required / 请输入密码' })
  @MaxLength(128)
  password: string;
}

export class LoginResponseDto implements LoginResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
}

export class DemoAccountDto {
  @ApiProperty() username: string;
  @ApiProperty() role: string;
  @ApiProperty() divisionName: string;
}

export class DemoAccountsDto {
  @ApiProperty() enabled: boolean;
  @ApiProperty({ required: false }) password?: string;
  @ApiProperty({ type: [DemoAccountDto] }) accounts: DemoAccountDto[];
}
