import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class QueryAuditDto {
  @ApiPropertyOptional({ description: 'Table name, e.g. app_user', example: 'app_user' })
  @IsOptional() @IsString() @MaxLength(64)
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({ description: 'Username of the actor', example: 'admin' })
  @IsOptional() @IsString() @MaxLength(64)
  actor?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  page = 1;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  pageSize = 50;
}
