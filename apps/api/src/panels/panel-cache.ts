/** A computed panel as sent: its JSON as UTF-8 bytes (written as they are, not encoded per request) and the version of the data it was computed from. */
export interface CachedPanel {
  version: string;
  body: Buffer;
}

/**
 * The computed monthly panels of this process, per (division, month, whether drafts count), each
 * with the version it was computed from (PanelReadRepository.readVersion). An entry is only used
 * while the stored version is still the database's, so it can be stale in no worker and on no
 * replica; the bound keeps the memory small (a panel's JSON is ~9 KB: 2,000 entries ~18 MB) and the
 * least recently used entry leaves first.
 */
export class PanelCache {
  private readonly entries = new Map<string, CachedPanel>();

  constructor(private readonly capacity = 2_000) {}

  static key(division: string, month: string, includeDrafts: boolean): string {
    return `${division}|${month}|${includeDrafts ? 'drafts' : 'published'}`;
  }

  get(key: string, version: string): Buffer | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    // Map keeps insertion order: moving the entry to the end makes the first one the least recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.body;
  }

  /** Whether any version of this panel is held (without counting as a use). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, entry: CachedPanel): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
