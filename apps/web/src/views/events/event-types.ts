// The event-type dictionary, loaded once per session and shared by the events views.
import { computed, shallowRef } from 'vue';
import { type EventStatus, type EventType } from '@app/contracts';
import { getEventTypesApi } from '@/api/events';
import { i18n } from '@/locales';

const types = shallowRef<EventType[]>([]);
let pending: Promise<void> | null = null;

export function useEventTypes() {
  async function load(): Promise<void> {
    if (types.value.length > 0) return;
    pending ??= getEventTypesApi()
      .then((list) => {
        types.value = list;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }
  const active = computed(() => types.value.filter((t) => t.active));
  function nameOf(code: string): string {
    const type = types.value.find((t) => t.code === code);
    if (!type) return code;
    return String(i18n.global.locale.value).startsWith('zh') ? type.nameZh : type.nameEn;
  }
  return { types, active, load, nameOf };
}

export const STATUS_TAG: Record<EventStatus, 'info' | 'warning' | 'success' | 'danger'> = {
  draft: 'info',
  submitted: 'warning',
  approved: 'success',
  returned: 'danger',
};

/** 'YYYY-MM' → "2021年9月" / "9/2021". */
export function monthLabel(day: string): string {
  const [year, month] = day.split('-');
  return i18n.global.t('events.monthTitle', { year, month: Number(month) });
}
