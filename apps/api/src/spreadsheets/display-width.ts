// Column widths are in "characters" of the default font: a CJK or full-width character is two.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/** A width that fits the header and the column's typical content, with a little air, within bounds. */
export function columnWidth(header: string, content = 0): number {
  return Math.min(60, Math.max(8, displayWidth(header), content) + 2);
}
