// The division list, loaded once per session and shared by the views that need it (users, divisions).
import { computed, ref, shallowRef } from 'vue';
import { type Division, type DivisionLevel, type Role } from '@app/contracts';
import { getDivisionsApi } from '@/api/divisions';

export interface DivisionNode {
  code: string;
  name: string;
  level: DivisionLevel;
  inScope: boolean;
  division: Division;
  children: DivisionNode[];
}

const divisions = shallowRef<Division[]>([]);
const loading = ref(false);
const error = ref<unknown>(null);
let pending: Promise<void> | null = null;

/** Which division level a role's account must belong to. */
export const LEVEL_FOR_ROLE: Record<Role, DivisionLevel> = {
  admin: 'province',
  city: 'prefecture',
  leader: 'county',
  staff: 'county',
};

/** Nest a flat list by parentCode; roots are divisions whose parent is not in the list. */
export function buildDivisionTree(list: Division[]): DivisionNode[] {
  const byCode = new Map<string, DivisionNode>();
  for (const d of list) {
    byCode.set(d.code, { code: d.code, name: d.name, level: d.level, inScope: d.inScope, division: d, children: [] });
  }
  const roots: DivisionNode[] = [];
  for (const node of byCode.values()) {
    const parent = node.division.parentCode ? byCode.get(node.division.parentCode) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (nodes: DivisionNode[]) => {
    nodes.sort((a, b) => a.code.localeCompare(b.code));
    nodes.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

export function useDivisions() {
  const byCode = computed(() => new Map(divisions.value.map((d) => [d.code, d])));
  const tree = computed(() => buildDivisionTree(divisions.value));

  async function load(force = false): Promise<void> {
    if (!force && divisions.value.length > 0) return;
    if (pending) return pending;
    loading.value = true;
    error.value = null;
    pending = getDivisionsApi()
      .then((list) => {
        divisions.value = list;
      })
      .catch((err: unknown) => {
        error.value = err;
        throw err;
      })
      .finally(() => {
        loading.value = false;
        pending = null;
      });
    return pending;
  }

  function nameOf(code: string | null | undefined): string {
    if (!code) return '—';
    return byCode.value.get(code)?.name ?? code;
  }

  /** "四川省 / 攀枝花市 / 西区" */
  function pathOf(code: string): string {
    const names: string[] = [];
    let current = byCode.value.get(code);
    while (current) {
      names.unshift(current.name);
      current = current.parentCode ? byCode.value.get(current.parentCode) : undefined;
    }
    return names.join(' / ') || code;
  }

  return { divisions, byCode, tree, loading, error, load, nameOf, pathOf };
}

/** Forget the cached list (on sign-out, since `inScope` depends on the user). */
export function resetDivisionsCache(): void {
  divisions.value = [];
}
