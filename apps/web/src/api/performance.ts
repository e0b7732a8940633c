import {
  type CustomTemplateWeights,
  type PerformanceIndicator,
  type SelfEvaluation,
  type SelfEvaluationTemplate,
} from '@app/contracts';
import { http } from './http';

const id = (value: string) => encodeURIComponent(value);

/** The cell model the API builds for the XLSX export and the print page (apps/api/src/performance/export/self-evaluation-sheet.ts). */
export interface SheetCell {
  row: number;
  col: number;
  value: string | number | null;
  numFmt?: string;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
}
export interface SheetMerge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}
export interface SheetModel {
  sheetName: string;
  columns: number;
  columnWidths: number[];
  rowCount: number;
  cells: SheetCell[];
  merges: SheetMerge[];
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
export const updateIndicatorApi = (indicatorId: string, body: { deviationReason?: string | null }) =>
  http.patch<PerformanceIndicator>(`/performance/indicators/${id(indicatorId)}`, body);

export const getSelfEvaluationsApi = (query: { year?: number; divisionCode?: string } = {}) => http.get<SelfEvaluation[]>('/performance/self-evaluations', { query });
export const getSelfEvaluationApi = (evaluationId: string) => http.get<SelfEvaluation>(`/performance/self-evaluations/${id(evaluationId)}`);
export const createSelfEvaluationApi = (body: { projectId: string; template: SelfEvaluationTemplate }) => http.post<SelfEvaluation>('/performance/self-evaluations', body);
export const updateSelfEvaluationApi = (evaluationId: string, body: SelfEvaluationPatch) => http.patch<SelfEvaluation>(`/performance/self-evaluations/${id(evaluationId)}`, body);
export const submitSelfEvaluationApi = (evaluationId: string) => http.post<SelfEvaluation>(`/performance/self-evaluations/${id(evaluationId)}/submit`);
export const freezeSelfEvaluationApi = (evaluationId: string) => http.post<SelfEvaluation>(`/performance/self-evaluations/${id(evaluationId)}/freeze`);
export const reopenSelfEvaluationApi = (evaluationId: string) => http.post<SelfEvaluation>(`/performance/self-evaluations/${id(evaluationId)}/reopen`);
export const exportSelfEvaluationApi = (evaluationId: string) =>
  http.get<Blob>(`/performance/self-evaluations/${id(evaluationId)}/export.xlsx`, { responseType: 'blob' });
export const getSelfEvaluationPrintApi = (evaluationId: string) =>
  http.get<{ evaluation: SelfEvaluation; sheet: SheetModel }>(`/performance/self-evaluations/${id(evaluationId)}/print`);
