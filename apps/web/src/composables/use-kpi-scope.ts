// Which divisions a user may pick on the KPI screens: a district user their own, a city user the
// city and its districts, an admin any. The server enforces the same scope; this only shapes the UI.
import { computed } from 'vue';
import { type Division } from '@app/contracts';
import { useDivisions } from '@/composables/use-divisions';
import { useAuthStore } from '@/stores/auth';

/** The demo's (and the seed's) city, the default for administrators. */
export const DEFAULT_CITY = '510400';

export function useKpiScope() {
  const auth = useAuthStore();
  const divisions = useDivisions();

  const role = computed(() => auth.role);
  const own = computed(() => auth.user?.divisionCode ?? '');
  const canEditTargets = computed(() => role.value === 'city' || role.value === 'admin');
  const seesDrafts = computed(() => role.value === 'city' || role.value === 'admin');

  /** The city whose ranking the user sees by default. */
  const homeCity = computed(() => {
    if (role.value === 'admin') return DEFAULT_CITY;
    if (role.value === 'city') return own.value;
    return divisions.byCode.value.get(own.value)?.parentCode ?? '';
  });

  /** Divisions a city user switches between: the city first, then its districts. */
  const cityOptions = computed<Division[]>(() => {
    const city = role.value === 'city' ? own.value : homeCity.value;
    const self = divisions.byCode.value.get(city);
    const children = divisions.divisions.value.filter((d) => d.parentCode === city).sort((a, b) => a.code.localeCompare(b.code));
    return self ? [self, ...children] : children;
  });

  /** Prefecture-level divisions (ranking picker for admins). */
  const prefectures = computed(() => divisions.divisions.value.filter((d) => d.level === 'prefecture').sort((a, b) => a.code.localeCompare(b.code)));

  /** Whether `code` is a division this role may pick on the panel. */
  function allows(code: string): boolean {
    if (!code) return false;
    if (role.value === 'admin') return divisions.byCode.value.has(code) || divisions.divisions.value.length === 0;
    if (role.value === 'city') return code === own.value || divisions.byCode.value.get(code)?.parentCode === own.value;
    return code === own.value;
  }

  return { role, own, homeCity, cityOptions, prefectures, canEditTargets, seesDrafts, allows, divisions };
}
