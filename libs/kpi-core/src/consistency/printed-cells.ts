import { type CheckDirection, type PrintedCell } from '@app/contracts';
import { type Dec, dec } from '../decimal.js';

// Reading a cell as a reviewer reads it: what was printed, whatever the spreadsheet or the keyboard made of it.

/** Full-width digits and signs (０-９, ．, ％, ，, ＋, －) as their ASCII forms; other characters unchanged. */
export function halfWidth(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.').replace(/％/g, '%').replace(/，/g, ',').replace(/＋/g, '+').replace(/－/g, '-')
    .replace(/\u3000/g, ' ');
}

// The traditional characters of the 自评表's fixed words (labels of rows, columns and levels), as printed by
// tables published in traditional script or through converting mirrors: only those, so free text stays as printed.
const TRADITIONAL: Readonly<Record<string, string>> = Object.freeze({
  數: '数', 質: '质', 時: '时', 經: '经', 濟: '济', 會: '会', 態: '态', 續: '续', 響: '响', 滿: '满', 產: '产', 務: '务',
  對: '对', 標: '标', 項: '项', 預: '预', 執: '执', 資: '资', 額: '额', 總: '总', 撥: '拨', 結: '结', 轉: '转', 財: '财',
  級: '级', 單: '单', 實: '实', 際: '际', 萬: '万', 優: '优', 與: '与', 劃: '划', 環: '环', 維: '维', 護: '护', 運: '运',
  費: '费', 應: '应', 當: '当', 調: '调', 達: '达', 億: '亿', 導: '导', 來: '来', 計: '计', 權: '权',
  價: '价', 評: '评', 門: '门', 戶: '户', 專: '专', 業: '业', 負: '负', 責: '责', 學: '学', 區: '区', 縣: '县', 場: '场',
  線: '线', 築: '筑', 稱: '称', 績: '绩', 報: '报', 據: '据', 層: '层', 歸: '归', 聯: '联', 話: '话', 備: '备', 註: '注', 體: '体', 類: '类', 屬: '属', 覽: '览', 擬: '拟', 採: '采', 進: '进', 構: '构', 況: '况', 說: '说', 這: '这', 個: '个', 們: '们', 發: '发', 農: '农', 醫: '医', 衛: '卫', 廣: '广', 電: '电', 視: '视', 圖: '图', 書: '书',
});

/** Traditional characters of labels as simplified ones (數量指標 → 数量指标). */
export function simplified(text: string): string {
  return [...text].map((c) => TRADITIONAL[c] ?? c).join('');
}

/** What a 分值 cell prints for a row that does not apply to the project. */
export const NOT_APPLICABLE = new Set(['/', '／', '\\', '—', '——', '-', '--', '不适用', '無', '无']);

// What tables print in a cell that holds nothing.
const BLANKS = new Set(['', '-', '--', '—', '——', '–', '/', '／', '\\', '无', '無', '空', 'n/a', 'N/A', '……', '...', '…']);

/** A printed cell as a trimmed half-width string, or null when it holds nothing ("—", "/", "无", blank). Numbers keep every digit. */
export function normaliseCell(value: PrintedCell | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = halfWidth(typeof value === 'number' ? numberText(value) : String(value)).trim();
  return BLANKS.has(text) ? null : text;
}

/** A label (row, column or level name): trimmed, half-width, simplified; blanks are null. */
export function normaliseLabel(value: PrintedCell | undefined): string | null {
  const text = normaliseCell(value);
  return text === null ? null : simplified(text);
}

// A spreadsheet number as it would print, without exponent notation (1e-7 → "0.0000001").
function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) < 1e-6 || Math.abs(value) >= 1e21 ? dec(value).toFixed() : String(value);
}

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/;

/** The number of a printed money or rate cell: "156,688.30", "100%", "99000元", "3.36万元", "10分". Null when blank or not a number. */
export function parseAmount(printed: string | null | undefined): Dec | null {
  if (printed === null || printed === undefined) return null;
  const text = halfWidth(printed).replace(/\s/g, '').replace(/(%|元|万元|萬元|分)$/, '');
  if (text === '' || !NUMBER.test(text) || !/\d/.test(text)) return null;
  return dec(text.replace(/,/g, ''));
}

// Words and signs before a target or an actual: ≥ 266米, 不少于800篇, ≤104万元, ﹦100.
const COMPARISONS: ReadonlyArray<[RegExp, CheckDirection]> = [
  [/^(≥|≧|>=|＞=|大于等于|不少于|不低于|至少|达到)/, '>='],
  [/^(≤|≦|<=|＜=|小于等于|不超过|不高于|不多于|控制在)/, '<='],
  [/^(=|＝|﹦|═|⩵|等于)/, '='],
];

/** The direction a printed target states by its sign or words ("≥266米" → ">="), or null when it states none. */
export function directionOf(printed: string | null | undefined): CheckDirection | null {
  if (!printed) return null;
  const text = halfWidth(printed).replace(/\s/g, '');
  return COMPARISONS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

/** A printed 指标性质 ("≥", "反向", "定性", "正向", "﹦") as a direction; null when not recognised. */
export function parseDirection(printed: string | null | undefined): CheckDirection | null {
  if (!printed) return null;
  const text = halfWidth(printed).replace(/\s/g, '');
  if (['>=', '<=', '=', 'qualitative'].includes(text)) return text as CheckDirection;
  if (/^(定性|定性指标|qual)$/.test(text)) return 'qualitative';
  if (/^(正向|正向指标|定量|定量指标)$/.test(text)) return '>=';
  if (/^(反向|反向指标)$/.test(text)) return '<=';
  return directionOf(text);
}

/**
 * The number of an indicator cell, tolerant of a leading sign or words (≥, 不少于, ﹦) and a trailing unit of any
 * kind ("4次", "≥266米", "99000元", "29.5亩", "6.47亿元", "100%"); null for text such as "完成" or "提升10%".
 */
export function parseQuantity(printed: string | null | undefined): Dec | null {
  if (printed === null || printed === undefined) return null;
  let text = simplified(halfWidth(printed)).replace(/\s/g, '');
  for (const [pattern] of COMPARISONS) text = text.replace(pattern, '');
  const match = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?)([^\d.,]{0,6})$/.exec(text);
  // "1年内", "30天以上", "5000元左右" state a bound or an estimate in words: not a figure to compute with.
  if (!match || !/\d/.test(match[1]) || /(内|以上|以下|左右|前|后|多|余|许)$/.test(match[2])) return null;
  // "2021年全年", "12月底": a date or period in words, not a quantity with its unit.
  if (/[年月日]./.test(match[2]) && !/^个月/.test(match[2])) return null;
  return dec(match[1].replace(/,/g, ''));
}

/** The unit printed after the number of an indicator cell ("29.5亩" → "亩", "100%" → "%"), or null. */
export function unitOf(printed: string | null | undefined): string | null {
  if (!printed) return null;
  const match = /\d([^\d.,\s]{1,6})$/.exec(halfWidth(printed).trim());
  return match ? match[1] : null;
}
