// UI preferences shared by every view: the language (remembered) and the side menu state.
import { computed, ref, watch } from 'vue';
import { defineStore } from 'pinia';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import enLocale from 'element-plus/es/locale/lang/en';
import { i18n, LOCALE_STORAGE_KEY, storedLocale, type AppLocale } from '@/locales';

const COLLAPSE_KEY = 'tianfu-kpi.menu-collapsed';

// Element Plus's date pickers start the week at the Day.js locale's weekStart: zh-cn's is Monday, en's unset
// (Sunday). Weeks start on Monday everywhere in the app (the events calendar, China's calendar), in English too.
dayjs.Ls.en!.weekStart = 1;

export const usePreferencesStore = defineStore('preferences', () => {
  const locale = ref<AppLocale>(storedLocale());
  const menuCollapsed = ref(localStorage.getItem(COLLAPSE_KEY) === '1');

  const elementLocale = computed(() => (locale.value === 'en' ? enLocale : zhCn));

  function apply(value: AppLocale): void {
    i18n.global.locale.value = value;
    document.documentElement.lang = value;
  }

  function setLocale(value: AppLocale): void {
    locale.value = value;
  }

  function toggleLocale(): void {
    locale.value = locale.value === 'zh-CN' ? 'en' : 'zh-CN';
  }

  function toggleMenu(): void {
    menuCollapsed.value = !menuCollapsed.value;
  }

  watch(
    locale,
    (value) => {
      localStorage.setItem(LOCALE_STORAGE_KEY, value);
      apply(value);
    },
    { immediate: true },
  );
  watch(menuCollapsed, (value) => localStorage.setItem(COLLAPSE_KEY, value ? '1' : '0'));

  return { locale, elementLocale, menuCollapsed, setLocale, toggleLocale, toggleMenu };
});
