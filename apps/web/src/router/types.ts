import { type Component } from 'vue';
import { type Role } from '@app/contracts';

export type MenuGroup = 'kpi' | 'budget' | 'admin' | 'data' | 'account';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document title and menu label). */
    titleKey?: string;
    /** Roles that may open the route; absent means every signed-in user. */
    roles?: readonly Role[];
    /** Reachable without signing in. */
    public?: boolean;
    /** Shown in the side menu. */
    menu?: { group: MenuGroup; order: number; icon: Component };
    /** Candidates for `/`: the allowed route with the lowest number wins. */
    homeOrder?: number;
    /** Overrides homeOrder for some roles: staff land where they work (科普活动), not on the leader's panel. */
    homeOrderByRole?: Partial<Record<Role, number>>;
  }
}

export {};
