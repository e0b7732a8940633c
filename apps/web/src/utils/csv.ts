// CSV for people who open it in Excel: UTF-8 with a BOM (so Chinese shows correctly), CRLF lines.

export type Cell = string | number | null | undefined;

/**
 * A cell that starts like a formula is prefixed with an apostrophe, so that a hostile value
 * echoed from an uploaded file (e.g. "=HYPERLINK(...)") is shown as text, never run.
 * Negative numbers ("-5") stay as they are.
 */
export function csvCell(value: Cell): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+@\t\r]/.test(text) || /^-(?![\d.])/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The text of a CSV file, starting with a BOM. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
