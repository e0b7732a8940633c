// Per-view server data for paged lists: loading, error, the current page, and cancellation of stale requests.
import { ref, shallowRef } from 'vue';
import { type Page } from '@app/contracts';
import { notifyError } from '@/utils/notify';

export function usePagedList<T, Q extends object>(fetchPage: (query: Q & { page: number; pageSize: number }, signal: AbortSignal) => Promise<Page<T>>) {
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(20);
  const loading = ref(false);
  const failed = ref(false);
  let controller: AbortController | null = null;

  async function load(query: Q): Promise<void> {
    controller?.abort();
    const current = (controller = new AbortController());
    loading.value = true;
    failed.value = false;
    try {
      const res = await fetchPage({ ...query, page: page.value, pageSize: pageSize.value }, current.signal);
      if (current !== controller) return;
      items.value = res.items;
      total.value = res.total;
    } catch (err) {
      if (current.signal.aborted) return;
      failed.value = true;
      notifyError(err);
    } finally {
      if (current === controller) loading.value = false;
    }
  }

  function replace(predicate: (item: T) => boolean, next: T): void {
    items.value = items.value.map((item) => (predicate(item) ? next : item));
  }

  return { items, total, page, pageSize, loading, failed, load, replace };
}
