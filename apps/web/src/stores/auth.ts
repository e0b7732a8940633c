// The signed-in session: token, its expiry and the user, kept in localStorage so a reload stays signed in.
import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import { type LoginRequest, type Role, type UserSummary } from '@app/contracts';
import { getMeApi, loginApi, logoutApi } from '@/api/auth';
import { resetDivisionsCache } from '@/composables/use-divisions';

const STORAGE_KEY = 'tianfu-kpi.session';

interface StoredSession {
  token: string;
  expiresAt: string;
  user: UserSummary;
}

function readSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StoredSession;
    if (!parsed.token || !parsed.user || Date.parse(parsed.expiresAt) <= Date.now()) {
      localStorage.removeItem(STORAGE_KEY);
      return null;
    }
    return parsed;
  } catch {
    return null;
  }
}

export const useAuthStore = defineStore('auth', () => {
  const initial = readSession();
  const token = ref<string | null>(initial?.token ?? null);
  const expiresAt = ref<string | null>(initial?.expiresAt ?? null);
  const user = ref<UserSummary | null>(initial?.user ?? null);
  /** Whether the user was re-read from the server since the page loaded. */
  const verified = ref(false);

  let expiryTimer: ReturnType<typeof setTimeout> | undefined;
  let onExpired: () => void = () => undefined;

  const role = computed<Role | null>(() => user.value?.role ?? null);

  function persist(): void {
    if (token.value && expiresAt.value && user.value) {
      const session: StoredSession = { token: token.value, expiresAt: expiresAt.value, user: user.value };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } else {
      localStorage.removeItem(STORAGE_KEY);
    }
  }

  function scheduleExpiry(): void {
    clearTimeout(expiryTimer);
    if (!expiresAt.value) return;
    // setTimeout overflows past ~24.8 days; a token that long-lived is re-checked on navigation instead.
    const ms = Math.min(Date.parse(expiresAt.value) - Date.now(), 2_000_000_000);
    expiryTimer = setTimeout(() => {
      if (!isSignedIn()) {
        clearSession();
        onExpired();
      }
    }, Math.max(ms, 0));
  }

  /** True while a token exists and has not expired. */
  function isSignedIn(): boolean {
    return !!token.value && !!expiresAt.value && Date.parse(expiresAt.value) > Date.now();
  }

  function hasRole(roles: readonly Role[] | undefined): boolean {
    if (!roles || roles.length === 0) return true;
    return !!role.value && roles.includes(role.value);
  }

  async function login(credentials: LoginRequest): Promise<UserSummary> {
    const res = await loginApi(credentials);
    token.value = res.accessToken;
    expiresAt.value = res.expiresAt;
    user.value = res.user;
    verified.value = true;
    persist();
    scheduleExpiry();
    return res.user;
  }

  /** Re-read the user once per page load (role or division may have changed since sign-in). */
  async function ensureVerified(): Promise<void> {
    if (verified.value || !isSignedIn()) return;
    try {
      user.value = await getMeApi();
      verified.value = true;
      persist();
    } catch {
      // A 401 already ended the session through the http client; offline keeps the cached user.
    }
  }

  function clearSession(): void {
    clearTimeout(expiryTimer);
    token.value = null;
    expiresAt.value = null;
    user.value = null;
    verified.value = false;
    persist();
    // Cached reference data carries the previous user's scope.
    resetDivisionsCache();
  }

  async function logout(): Promise<void> {
    try {
      if (isSignedIn()) await logoutApi();
    } catch {
      // Signing out locally must work even when the server cannot be reached.
    } finally {
      clearSession();
    }
  }

  function setUser(next: UserSummary): void {
    user.value = next;
    persist();
  }

  function onSessionExpired(handler: () => void): void {
    onExpired = handler;
    scheduleExpiry();
  }

  return {
    token,
    expiresAt,
    user,
    role,
    isSignedIn,
    hasRole,
    login,
    logout,
    ensureVerified,
    clearSession,
    setUser,
    onSessionExpired,
  };
});
