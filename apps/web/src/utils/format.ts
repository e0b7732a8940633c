// Formatting helpers shared by views. Pure functions, no Vue.

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 149000 → "149,000"; null → "—". */
export function formatInteger(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : integer.format(value);
}

/** 149000 → "14.9" (in 万), trimmed; below 10,000 → null (not worth a hint). */
export function toWan(value: number | null | undefined): string | null {
  if (value === null || value === undefined || Math.abs(value) < 10_000) return null;
  return (value / 10_000).toFixed(2).replace(/\.?0+$/, '');
}

/** ISO timestamp → "2026-11-26 14:05" in the browser's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** ISO date or timestamp → "2026-11-26". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.slice(0, 10);
}

/**
 * Parse what a person types into a count field: "149000", "149,000", "14.9万", " 68 ".
 * Returns null for empty input and NaN for anything that is not a whole number ≥ 0.
 */
export function parseCount(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null;
  if (typeof input === 'number') return Number.isInteger(input) && input >= 0 ? input : Number.NaN;
  const text = input.trim().replace(/[,，\s]/g, '');
  if (text === '') return null;
  const wan = /^(\d+(?:\.\d+)?)万$/.exec(text);
  if (wan) {
    const value = Math.round(Number(wan[1]) * 10_000);
    return Number.isFinite(value) ? value : Number.NaN;
  }
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}
