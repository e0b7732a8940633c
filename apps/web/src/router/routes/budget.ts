import { markRaw } from 'vue';
import { type RouteRecordRaw } from 'vue-router';
import { DocumentChecked, Money, Warning } from '@element-plus/icons-vue';

// Children of the app layout: 预算与绩效 (projects, one project), 数据核查, 自评表检查.
const ROLES = ['staff', 'leader', 'city', 'admin'] as const;

export const budgetRoutes: RouteRecordRaw[] = [
  {
    path: 'budget',
    name: 'budget',
    component: () => import('@/views/budget/index.vue'),
    meta: {
      titleKey: 'menu.budget',
      roles: ROLES,
      menu: { group: 'budget', order: 5, icon: markRaw(Money) },
      homeOrder: 40,
    },
  },
  {
    path: 'budget/projects/:id',
    name: 'budget-project',
    component: () => import('@/views/budget/project.vue'),
    meta: { titleKey: 'menu.budget', roles: ROLES },
  },
  {
    path: 'findings',
    name: 'findings',
    component: () => import('@/views/findings/index.vue'),
    meta: {
      titleKey: 'menu.findings',
      roles: ROLES,
      menu: { group: 'budget', order: 6, icon: markRaw(Warning) },
    },
  },
  {
    path: 'self-evaluation-check',
    name: 'self-evaluation-check',
    component: () => import('@/views/self-evaluation-check/index.vue'),
    // Every signed-in role: the table comes in the request, nothing is read or stored.
    meta: {
      titleKey: 'menu.selfCheck',
      menu: { group: 'budget', order: 7, icon: markRaw(DocumentChecked) },
    },
  },
];

// Outside the app layout: the A4 print page has no menu or header.
export const budgetPrintRoutes: RouteRecordRaw[] = [
  {
    path: '/budget/self-evaluations/:id/print',
    name: 'budget-self-evaluation-print',
    component: () => import('@/views/budget/print.vue'),
    meta: { titleKey: 'budget.print.title', roles: ROLES },
  },
];
