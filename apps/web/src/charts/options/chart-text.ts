// Text that reaches a chart from data or from the ranking model (division names, indicator labels, units) is text,
// never markup: ECharts renders custom tooltip formatters as HTML and parses {style|…} in rich labels, so every
// label is escaped before it is put into either.

/** For HTML tooltips: & < > " ' as entities. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** For rich-text labels: ECharts has no escape for its {style|text} syntax, so braces and bars become look-alikes. */
export function plainRichText(text: unknown): string {
  return String(text ?? '').replace(/[{]/g, '｛').replace(/[}]/g, '｝').replace(/[|]/g, '｜');
}
