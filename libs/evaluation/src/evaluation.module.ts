import { Module } from '@nestjs/common';
import { OfflineEvaluationService } from './offline-evaluation.service.js';

/** Offline evaluation of the recommendation strategies (the `evaluate` command). */
@Module({ providers: [OfflineEvaluationService], exports: [OfflineEvaluationService] })
export class EvaluationModule {}
