import { markRaw } from 'vue';
import { type RouteRecordRaw } from 'vue-router';
import { Upload } from '@element-plus/icons-vue';

// Children of the app layout.
export const importsRoutes: RouteRecordRaw[] = [
  {
    path: 'imports',
    name: 'imports',
    component: () => import('@/views/imports/index.vue'),
    meta: {
      titleKey: 'menu.imports',
      roles: ['staff', 'leader', 'city', 'admin'],
      menu: { group: 'data', order: 20, icon: markRaw(Upload) },
      homeOrder: 60,
    },
  },
];
