import {
  type BudgetProject,
  type BudgetWarning,
  type FundType,
  type FundingLine,
  type FundingSource,
  type PaceMode,
  type Payment,
  type PaymentImportResult,
  type ProjectCategory,
  type ProjectExecution,
} from '@app/contracts';
import { http } from './http';
import { uploadWithProgress, type UploadProgress } from './transfer';

const id = (value: string) => encodeURIComponent(value);

export interface PaymentInput {
  fundingLineId: string;
  paidOn: string;
  amount: string;
  functionalCode: string;
  economicCode: string;
  memo?: string;
}

export interface ProjectInput {
  divisionCode: string;
  year: number;
  code: string;
  name: string;
  aliases: string[];
  category: ProjectCategory;
  supervisingUnit: string;
  implementingUnit: string;
  monthlyPlan: string[] | null;
  paceMode: PaceMode;
}
/** Code, division and year are fixed once created. */
export type ProjectPatch = Omit<ProjectInput, 'divisionCode' | 'year' | 'code'>;

export interface FundingLineInput {
  source: FundingSource;
  fundType: FundType;
  label?: string;
  initialBudget: string;
  adjustedBudget: string;
  carriedIn?: string;
}
/** Source and fund type are fixed once created. */
export type FundingLinePatch = Omit<FundingLineInput, 'source' | 'fundType'>;

export const getBudgetProjectsApi = (query: { year?: number; divisionCode?: string } = {}) => http.get<BudgetProject[]>('/budget/projects', { query });
export const getBudgetProjectApi = (projectId: string) => http.get<BudgetProject>(`/budget/projects/${id(projectId)}`);
export const createBudgetProjectApi = (body: ProjectInput) => http.post<BudgetProject>('/budget/projects', body);
export const updateBudgetProjectApi = (projectId: string, body: ProjectPatch) => http.patch<BudgetProject>(`/budget/projects/${id(projectId)}`, body);
export const deleteBudgetProjectApi = (projectId: string) => http.delete<void>(`/budget/projects/${id(projectId)}`);
export const getFundingLinesApi = (projectId: string) => http.get<FundingLine[]>(`/budget/projects/${id(projectId)}/funding-lines`);
export const createFundingLineApi = (projectId: string, body: FundingLineInput) => http.post<FundingLine>(`/budget/projects/${id(projectId)}/funding-lines`, body);
export const updateFundingLineApi = (lineId: string, body: FundingLinePatch) => http.patch<FundingLine>(`/budget/funding-lines/${id(lineId)}`, body);
export const deleteFundingLineApi = (lineId: string) => http.delete<void>(`/budget/funding-lines/${id(lineId)}`);
export const getPaymentsApi = (projectId: string) => http.get<Payment[]>(`/budget/projects/${id(projectId)}/payments`);
export const createPaymentApi = (projectId: string, body: PaymentInput) => http.post<Payment>(`/budget/projects/${id(projectId)}/payments`, body);
export const updatePaymentApi = (paymentId: string, body: Partial<PaymentInput>) => http.patch<Payment>(`/budget/payments/${id(paymentId)}`, body);
export const deletePaymentApi = (paymentId: string) => http.delete<void>(`/budget/payments/${id(paymentId)}`);
export const getExecutionApi = (projectId: string, query: { asOf?: string; pace?: PaceMode } = {}) =>
  http.get<ProjectExecution>(`/budget/projects/${id(projectId)}/execution`, { query });
export const getBudgetWarningsApi = (query: { open?: boolean; year?: number; projectId?: string; divisionCode?: string } = {}) =>
  http.get<BudgetWarning[]>('/budget/warnings', { query });

/** All or nothing: a bad row rejects the file with a 422 whose `errors` name each row ("第N行 列名"). */
export function importPaymentsApi(projectId: string, file: File, onProgress?: (progress: UploadProgress) => void): Promise<PaymentImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadWithProgress<PaymentImportResult>(`/budget/projects/${id(projectId)}/payments/import`, form, { onProgress });
}
