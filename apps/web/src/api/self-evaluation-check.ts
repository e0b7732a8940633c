import { type SelfEvaluationCheckRequest, type SelfEvaluationCheckResponse } from '@app/contracts';
import { http } from './http';

export const checkSelfEvaluationTableApi = (body: SelfEvaluationCheckRequest) => http.post<SelfEvaluationCheckResponse>('/self-evaluations/check', body);
