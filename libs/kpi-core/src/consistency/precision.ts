import { type ConsistencyFinding } from '@app/contracts';
import { Dec, type DecimalInput, roundHalfUp } from '../decimal.js';
import { fixed2, printedPlaces } from './finding.js';
import { halfWidth, parseAmount } from './printed-cells.js';

export interface PrintedFigureInput {
  rule: 'percentage_recomputed' | 'score_recomputed';
  path: string;
  /** The place by its printed names, for the message ("“年度资金总额”行“执行率”栏"). */
  place: string;
  placeEn: string;
  /** The exact value the rules give (percent for rates, points for scores). */
  computed: DecimalInput;
  /** How the exact value follows from the figures, a phrase before "应为" ("按 98/100×10 " is made from "98/100×10 "). */
  because?: string;
  printed: string;
  /** "%" for rates, "分" for scores. */
  unit: '%' | '分';
  /** Full marks (the weight) or 100%: printed for a value below it, an error whatever the precision. */
  full?: DecimalInput;
}

const truncate = (value: Dec, places: number) => value.toDecimalPlaces(places, Dec.ROUND_DOWN);
const precisionZh = (places: number) => (places === 0 ? '取整' : `保留${places}位小数`);
const precisionEn = (places: number) => (places === 0 ? 'whole' : `${places} decimal${places === 1 ? '' : 's'}`);

/**
 * A printed rate or score against the exact one, with judgement (issue 16 §3): a value that is the exact one
 * rounded half-up to the precision it is printed at, but not to 2 decimals, is a warning ("printed 9, exact 8.62:
 * rounded to whole points"); one that does not follow even at its own precision is an error, and a truncation is
 * named as such; full marks (or 100%) printed for a value below them is an error whatever the precision.
 * `expected` is always the exact value to 2 decimals.
 */
export function judgePrintedFigure(input: PrintedFigureInput): ConsistencyFinding | null {
  const computed = new Dec(input.computed);
  const printed = parseAmount(input.printed);
  if (printed === null) return null;
  const places = printedPlaces(halfWidth(input.printed).replace(/[%分\s]/g, ''));
  const exact2 = roundHalfUp(computed, 2);
  const printedNumber = halfWidth(input.printed).trim().replace(/[%分]$/, '');
  const shown = `${printedNumber}${input.unit}`;
  const exactText = `${fixed2(computed)}${input.unit}`;
  // English: "19 points", "87.05%" (分 is the Chinese word for a point).
  const inEnglish = (figure: string) => (input.unit === '%' ? `${figure}%` : `${figure} ${figure === '1' || figure === '1.00' ? 'point' : 'points'}`);
  const shownEn = inEnglish(printedNumber);
  const exactTextEn = inEnglish(fixed2(computed));
  const by = input.because ? (/[，,]$/.test(input.because) ? input.because : `按 ${input.because}`) : '按表中数据重算';
  const byEn = 'recomputed from the figures it is';
  const base = { rule: input.rule, path: input.path, expected: fixed2(computed), found: fixed2(printed), unit: input.unit, place: input.place };

  if (input.full !== undefined) {
    const full = new Dec(input.full);
    if (printed.greaterThanOrEqualTo(full) && exact2.lessThan(full) && !printed.equals(exact2)) {
      const what = input.unit === '%' ? '100%' : '满分';
      return {
        ...base, severity: 'error',
        message: `${input.place}印为${shown}（${what}），但目标未完全达成：${by}应为 ${exactText}`,
        messageEn: `${input.placeEn} is printed ${shownEn} (${input.unit === '%' ? '100%' : 'full marks'}) although the target was not fully met: ${byEn} ${exactTextEn}`,
      };
    }
  }
  if (roundHalfUp(computed, places).equals(printed)) {
    if (places >= 2 || exact2.equals(printed)) return null;
    return {
      ...base, severity: 'warning',
      message: `${input.place}印为${shown}，精确值为 ${exactText}（${precisionZh(places)}后印出，宜印两位小数）`,
      messageEn: `${input.placeEn} is printed ${shownEn}; the exact value is ${exactTextEn} (rounded to ${precisionEn(places)} ${input.unit === '%' ? 'percent' : 'points'})`,
    };
  }
  const truncated = places < 8 && truncate(computed, places).equals(printed);
  return {
    ...base, severity: 'error',
    message: truncated
      ? `${input.place}印为${shown}，${by}应为 ${exactText}（印数系直接截尾，未按四舍五入）`
      : `${input.place}印为${shown}，${by}应为 ${exactText}`,
    messageEn: truncated
      ? `${input.placeEn} is printed ${shownEn}; ${byEn} ${exactTextEn} (the printed figure is truncated, not rounded half-up)`
      : `${input.placeEn} is printed ${shownEn}; ${byEn} ${exactTextEn}`,
  };
}
