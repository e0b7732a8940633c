import { markRaw } from 'vue';
import { type RouteRecordRaw } from 'vue-router';
import { UserFilled } from '@element-plus/icons-vue';

export const accountRoutes: RouteRecordRaw[] = [
  {
    path: 'account',
    name: 'account',
    component: () => import('@/views/account/index.vue'),
    meta: {
      titleKey: 'menu.account',
      menu: { group: 'account', order: 90, icon: markRaw(UserFilled) },
      homeOrder: 90,
    },
  },
];
