import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { CHANNEL_KINDS, DELIVERY_STATUSES, NOTICE_KINDS, SUBSCRIPTION_CHANNELS, type ChannelKind, type DeliveryStatus, type NoticeKind, type SubscriptionChannel } from '@app/contracts';

const HTTP_URL = /^https?:\/\/[^\s]+$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class SmtpSettingsDto {
  @ApiProperty({ example: 'smtp.example.gov.cn' }) @IsString() @MinLength(1) @MaxLength(255)
  host: string;

  @ApiProperty({ example: 465 }) @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  port: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  secure?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255)
  user?: string | null;

  @ApiPropertyOptional({ description: 'Write-only: never returned' }) @IsOptional() @IsString() @MaxLength(500)
  password?: string | null;

  @ApiProperty({ example: '西区科协 <kx@example.gov.cn>' }) @IsString() @MinLength(3) @MaxLength(255)
  from: string;
}

export class CreateChannelDto {
  @ApiProperty({ enum: CHANNEL_KINDS }) @IsIn(CHANNEL_KINDS)
  kind: ChannelKind;

  @ApiProperty({ example: '510403' }) @Matches(/^\d{6}$/, { message: 'division must be a 6-digit division code' })
  division: string;

  @ApiProperty({ example: '西区科协工作群' }) @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ description: 'Robot webhook (WeCom, DingTalk); write-only in full, returned masked' })
  @IsOptional() @Matches(HTTP_URL, { message: 'url must be an http:// or https:// URL' }) @MaxLength(1000)
  url?: string;

  @ApiPropertyOptional({ description: 'DingTalk signing secret (SEC…); write-only' }) @IsOptional() @IsString() @MaxLength(500)
  secret?: string | null;

  @ApiPropertyOptional({ description: 'DingTalk keyword the robot requires' }) @IsOptional() @IsString() @MaxLength(50)
  keyword?: string | null;

  @ApiPropertyOptional({ type: SmtpSettingsDto }) @IsOptional() @ValidateNested() @Type(() => SmtpSettingsDto)
  smtp?: SmtpSettingsDto;

  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsEmail({}, { each: true, message: 'to must hold e-mail addresses' })
  to?: string[];

  @ApiProperty({ enum: NOTICE_KINDS, isArray: true }) @IsArray() @ArrayMinSize(1) @IsIn(NOTICE_KINDS, { each: true })
  kinds: NoticeKind[];

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean()
  active?: boolean;
}

export class UpdateChannelDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  name?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(HTTP_URL, { message: 'url must be an http:// or https:// URL' }) @MaxLength(1000)
  url?: string;

  @ApiPropertyOptional({ description: 'null clears it' }) @IsOptional() @IsString() @MaxLength(500)
  secret?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50)
  keyword?: string | null;

  @ApiPropertyOptional({ type: SmtpSettingsDto }) @IsOptional() @ValidateNested() @Type(() => SmtpSettingsDto)
  smtp?: SmtpSettingsDto;

  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsEmail({}, { each: true, message: 'to must hold e-mail addresses' })
  to?: string[];

  @ApiPropertyOptional({ enum: NOTICE_KINDS, isArray: true }) @IsOptional() @IsArray() @ArrayMinSize(1) @IsIn(NOTICE_KINDS, { each: true })
  kinds?: NoticeKind[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  active?: boolean;
}

export class PutSubscriptionDto {
  @ApiProperty({ enum: NOTICE_KINDS, isArray: true }) @IsArray() @IsIn(NOTICE_KINDS, { each: true })
  kinds: NoticeKind[];

  @ApiPropertyOptional({ type: [String], description: 'Divisions in your scope; empty = all of it' })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @Matches(/^\d{6}$/, { each: true, message: 'divisions must be 6-digit division codes' })
  divisions: string[] = [];

  @ApiProperty({ enum: SUBSCRIPTION_CHANNELS }) @IsIn(SUBSCRIPTION_CHANNELS)
  channel: SubscriptionChannel;

  @ApiPropertyOptional() @IsOptional() @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string | null;

  @ApiPropertyOptional({ enum: ['immediate', 'digest'], default: 'immediate' }) @IsOptional() @IsIn(['immediate', 'digest'])
  mode: 'immediate' | 'digest' = 'immediate';

  @ApiPropertyOptional({ example: '22:00' }) @IsOptional() @Matches(HH_MM, { message: 'quietFrom must be HH:MM' })
  quietFrom?: string | null;

  @ApiPropertyOptional({ example: '07:30' }) @IsOptional() @Matches(HH_MM, { message: 'quietTo must be HH:MM' })
  quietTo?: string | null;
}

export class QueryDeliveriesDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

export class MarkReadDto {
  @ApiPropertyOptional({ type: [String], description: 'Inbox item ids; all when absent' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true })
  ids?: string[];
}
