// The API writes some messages in both languages, "中文 / English". Pure helpers, no Vue.

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/**
 * Split "中文 / English" at the first " / " whose left side has Chinese and whose right side
 * starts like English. Both halves may quote column names in Chinese ("成交金额(元)"), so a plain
 * split on " / " is not enough. Returns null when the text is not of that shape.
 */
export function splitBilingual(text: string): { zh: string; en: string } | null {
  let from = 0;
  for (;;) {
    const at = text.indexOf(' / ', from);
    if (at < 0) return null;
    const zh = text.slice(0, at).trim();
    const en = text.slice(at + 3).trim();
    if (CJK.test(zh) && /^[A-Za-z0-9"'(]/.test(en)) return { zh, en };
    from = at + 3;
  }
}

/** The half of a bilingual message for the language, or the message as it is. */
export function pickLanguage(text: string | null | undefined, zh: boolean, english?: string | null): string {
  if (!text) return english ?? '';
  if (english) {
    const suffix = ` / ${english}`;
    if (!zh) return english;
    return text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
  }
  const pair = splitBilingual(text);
  if (!pair) return text;
  return zh ? pair.zh : pair.en;
}
