import { ElMessage } from 'element-plus';
import { isApiError } from '@/api/http';
import { t } from '@/locales';

/** Show a failed request kindly: the API's message, plus the request id for server errors. */
export function notifyError(err: unknown): void {
  if (err instanceof DOMException && err.name === 'AbortError') return;
  if (isApiError(err)) {
    const message = err.statusCode >= 500 && err.requestId ? t('common.paren', { text: err.message, note: t('errors.requestId', { id: err.requestId }) }) : err.message;
    ElMessage.error({ message, grouping: true });
    return;
  }
  ElMessage.error({ message: t('errors.unknown'), grouping: true });
  console.error(err);
}

/** Copy server field errors onto a form's error map (shown next to the fields). */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  if (isApiError(err)) {
    for (const e of err.errors) {
      const field = e.field.split('.').pop() ?? e.field;
      map[field] ??= e.message;
    }
  }
  return map;
}
