import { Module } from '@nestjs/common';
import { SelfEvaluationCheckController } from './self-evaluation-check.controller.js';
import { SelfEvaluationCheckService } from './self-evaluation-check.service.js';
import { SelfEvaluationFilesService } from './self-evaluation-files.service.js';

/** POST /self-evaluations/check: the finance bureau's check of a filled 自评表 (stateless). */
@Module({ controllers: [SelfEvaluationCheckController], providers: [SelfEvaluationCheckService, SelfEvaluationFilesService] })
export class PerformanceCheckModule {}
