import { type SelfEvaluationCheckRequest, type SelfEvaluationCheckResponse, type SelfEvaluationFileCheck, type SelfEvaluationFilesCheckResponse } from '@app/contracts';
import { http } from './http';

export const checkSelfEvaluationTableApi = (body: SelfEvaluationCheckRequest) => http.post<SelfEvaluationCheckResponse>('/self-evaluations/check', body);

/** XLSX/CSV files or one zip, as chosen or dropped; a pasted table comes as a tab-separated file. */
export function checkSelfEvaluationFilesApi(files: readonly File[]): Promise<SelfEvaluationFilesCheckResponse> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  return http.post<SelfEvaluationFilesCheckResponse>('/self-evaluations/check/files', form);
}

export const exportSelfEvaluationReviewApi = (files: readonly SelfEvaluationFileCheck[], language: 'zh' | 'en') =>
  http.post<Blob>('/self-evaluations/check/review.xlsx', {
    language,
    files: files.map((f) => ({ fileName: f.fileName, sheet: f.sheet, table: f.table, error: f.error })),
  }, { responseType: 'blob' });
