import {
  type CustomTemplateWeights,
  type IndicatorBinding,
  type PerformanceIndicator,
  type SelfEvaluation,
  type SelfEvaluationTemplate,
  type SheetModel,
} from '@app/contracts';
import { http } from './http';

const id = (value: string) => encodeURIComponent(value);

/** The writable fields of an indicator (level 1 follows from level 2). */
export interface IndicatorInput {
  level2: string;
  name: string;
  direction: PerformanceIndicator['direction'];
  targetValue: string | null;
  targetText: string | null;
  unit: string | null;
  weight: string | null;
  binding: IndicatorBinding;
  actualValue?: string | null;
  actualText: string | null;
  qualitativeTier: PerformanceIndicator['qualitativeTier'];
  qualitativeShare: string | null;
  deviationReason: string | null;
}

export interface SelfEvaluationPatch {
  template?: SelfEvaluationTemplate;
  customWeights?: CustomTemplateWeights | null;
  expectedGoal?: string | null;
  achievedGoal?: string | null;
  executionReason?: string | null;
  lineReasons?: Record<string, string>;
  preparer?: string | null;
  phone?: string | null;
  filledOn?: string | null;
}

export const getIndicatorsApi = (projectId: string) => http.get<PerformanceIndicator[]>(`/performance/projects/${id(projectId)}/indicators`);
export const createIndicatorApi = (projectId: string, body: IndicatorInput) => http.post<PerformanceIndicator>(`/performance/projects/${id(projectId)}/indicators`, body);
export const deleteIndicatorApi = (indicatorId: string) => http.delete<void>(`/performance/indicators/${id(indicatorId)}`);
export const updateIndicatorApi = (indicatorId: string, body: Partial<IndicatorInput>) =>
  http.patch<PerformanceIndicator>(`/performance/indicators/${id(indicatorId)}`, body);

export const getSelfEvaluationsApi = (query: { year?: number; divisionCode?: string } = {}) => http.get<SelfEvaluation[]>('/performance/self-evaluations', { query });
export const getSelfEvaluationApi = (evaluationId: string) => http.get<SelfEvaluation>(`/performance/self-evaluations/${id(evaluationId)}`);
export const createSelfEvaluationApi = (body: { projectId: string; template: SelfEvaluationTemplate }) => http.post<SelfEvaluation>('/performance/self-evaluations', body);
export const updateSelfEvaluationApi = (evaluationId: string, body: SelfEvaluationPatch) => http.patch<SelfEvaluation>(`/performance/self-evaluations/${id(evaluationId)}`, body);
export const submitSelfEvaluationApi = (evaluationId: string, options: { early?: boolean } = {}) =>
  http.post<SelfEvaluation>(`/performance/self-evaluations/${id(evaluationId)}/submit`, options.early ? { early: true } : {});
export const freezeSelfEvaluationApi = (evaluationId: string) => http.post<SelfEvaluation>(`/performance/self-evaluations/${id(evaluationId)}/freeze`);
export const reopenSelfEvaluationApi = (evaluationId: string) => http.post<SelfEvaluation>(`/performance/self-evaluations/${id(evaluationId)}/reopen`);
export const exportSelfEvaluationApi = (evaluationId: string) =>
  http.get<Blob>(`/performance/self-evaluations/${id(evaluationId)}/export.xlsx`, { responseType: 'blob' });
export const getSelfEvaluationPrintApi = (evaluationId: string) =>
  http.get<{ evaluation: SelfEvaluation; sheet: SheetModel }>(`/performance/self-evaluations/${id(evaluationId)}/print`);
