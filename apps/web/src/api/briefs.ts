import { type Brief, type BriefSummaryItem } from '@app/contracts';
import { http } from './http';

export const listBriefsApi = (query: { division?: string; month?: string; year?: string }, signal?: AbortSignal) =>
  http.get<BriefSummaryItem[]>('/briefs', { query, signal });

export const getBriefApi = (id: string, signal?: AbortSignal) => http.get<Brief>(`/briefs/${encodeURIComponent(id)}`, { signal });

/** The brief's A4 page as the server renders it for the PDF (shown in a sandboxed frame). */
export const getBriefHtmlApi = async (id: string, lang: 'zh' | 'en', signal?: AbortSignal) =>
  (await http.get<Blob>(`/briefs/${encodeURIComponent(id)}/html`, { query: { lang }, signal, responseType: 'blob' })).text();

export const getBriefPdfApi = (id: string, lang: 'zh' | 'en') => http.get<Blob>(`/briefs/${encodeURIComponent(id)}/pdf`, { query: { lang }, responseType: 'blob' });

export const issueBriefApi = (division: string, month: string) => http.post<Brief>('/briefs', { division, month });
