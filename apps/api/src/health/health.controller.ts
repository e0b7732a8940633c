import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Database reachable and migrations current (200), else 503' })
  async getHealth(): Promise<{ status: 'ok'; database: 'up'; migrations: 'current' }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      throw new ServiceUnavailableException({ statusCode: 503, message: 'Database unreachable', database: 'down', detail: String(error) });
    }
    if (await this.dataSource.showMigrations()) {
      throw new ServiceUnavailableException({ statusCode: 503, message: 'Database migrations are pending', database: 'up', migrations: 'pending' });
    }
    return { status: 'ok', database: 'up', migrations: 'current' };
  }
}
