import { onBeforeUnmount, ref, type Ref } from 'vue';

/** A reactive `matchMedia` (e.g. the layout's phone breakpoint). */
export function useMediaQuery(query: string): Ref<boolean> {
  const mql = window.matchMedia(query);
  const matches = ref(mql.matches);
  const update = (e: MediaQueryListEvent) => (matches.value = e.matches);
  mql.addEventListener('change', update);
  onBeforeUnmount(() => mql.removeEventListener('change', update));
  return matches;
}
