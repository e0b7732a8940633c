const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/**
 * Much of the api still writes a message as one string "English / 中文". The error contract wants
 * the halves apart (`message` Chinese, `messageEn` English), so they are split where they are sent:
 * at the first " / " with Chinese on one side only. Either order is understood; a message that is not
 * of that shape is taken as Chinese when it has Chinese, else as English.
 */
export function splitMessage(text: string): { zh: string | null; en: string | null } {
  let from = 0;
  for (;;) {
    const at = text.indexOf(' / ', from);
    if (at < 0) break;
    const left = text.slice(0, at).trim();
    const right = text.slice(at + 3).trim();
    if (CJK.test(right) && !CJK.test(left)) return { zh: right, en: left };
    if (CJK.test(left) && !CJK.test(right)) return { zh: left, en: right };
    from = at + 3;
  }
  return CJK.test(text) ? { zh: text, en: null } : { zh: null, en: text };
}
