import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JobsService } from './jobs.service.js';
import { type JobsOverview, type RunJobResult } from '@app/contracts';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller({ path: 'jobs', version: '1' })
export class JobsController {
  constructor(private readonly service: JobsService) {}

  @Get()
  @ApiOperation({ summary: 'Scheduled jobs with their schedule, switch and recent runs (admin)' })
  listJobs(@Query('limit') limit?: string): Promise<JobsOverview> {
    return this.service.listJobs(Math.min(Math.max(Number(limit) || 20, 1), 200));
  }

  @Post(':name/run')
  @ApiOperation({ summary: 'Run a job now, under the same lock as its schedule (admin)' })
  runJob(@Param('name') name: string): Promise<RunJobResult> {
    return this.service.runJob(name);
  }
}
