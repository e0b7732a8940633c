import { Dec, dec, formatYuan, roundHalfUp, sum, toFixedHalfUp, wanToYuan, yuanToFen, fenToYuan } from './decimal.js';

describe('decimal', () => {
  it('should sum money exactly where floating point would drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sum(['0.1', '0.2']).toString()).toBe('0.3');
  });

  it('should round half up at two decimals', () => {
    expect(roundHalfUp('1.005').toFixed(2)).toBe('1.01');
    expect(roundHalfUp('-1.005').toFixed(2)).toBe('-1.01');
    expect(roundHalfUp('96.2394').toFixed(2)).toBe('96.24');
  });

  it('should format yuan with two decimals and convert 万元 exactly', () => {
    expect(formatYuan(wanToYuan('9270.8'))).toBe('92708000.00');
    expect(formatYuan(dec('0'))).toBe('0.00');
  });

  it('should convert between 元 and 分 and refuse sub-fen amounts', () => {
    expect(yuanToFen('15.67')).toBe(1567n);
    expect(fenToYuan(1567n)).toBe('15.67');
    expect(() => yuanToFen('0.001')).toThrow(/more than two decimals/);
  });

  it('should read and write fixed-point text as fen exactly, both ways, without Decimal for plain text', () => {
    for (const [text, fen, back] of [['1234.5', 123450n, '1234.50'], ['-0.07', -7n, '-0.07'], ['0', 0n, '0.00'], ['12', 1200n, '12.00'], ['-15.3', -1530n, '-15.30'], ['99999999999999999.99', 9999999999999999999n, '99999999999999999.99']] as const) {
      expect(yuanToFen(text)).toBe(fen);
      expect(fenToYuan(fen)).toBe(back);
      expect(fenToYuan(fen.toString())).toBe(back); // the Decimal path agrees
    }
    expect(() => yuanToFen('1.005')).toThrow(RangeError);
    expect(yuanToFen(' 7.10'.trim())).toBe(710n);
  });

  it('should give plain text the same fixed-point text as Decimal does, whether or not it rounds', () => {
    const texts = ['0', '-0', '0.0', '-0.00', '00', '007.5', '-01', '12', '12.3', '12.34', '12.345', '-12.345', '1.005', '-1.005', '99999999999999999.99', '0.5', '-0.5', '-0.4', '12.00', '-3.10', '5.000', '0.00', '100.0', '1e3', '1.', '.5', '+1', ' 1', '1_0'];
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 2000; i++) {
      const whole = String(Math.floor(random() * 10 ** Math.floor(random() * 12)));
      const decimals = Array.from({ length: Math.floor(random() * 5) }, () => Math.floor(random() * 10)).join('');
      texts.push(`${random() < 0.3 ? '-' : ''}${whole}${decimals ? `.${decimals}` : ''}`);
    }
    for (const text of texts) {
      for (const places of [0, 1, 2, 4]) {
        let expected: string;
        try {
          expected = new Dec(text).toFixed(places, Dec.ROUND_HALF_UP);
        } catch (error) {
          expect(() => toFixedHalfUp(text, places)).toThrow((error as Error).constructor as new () => Error);
          continue;
        }
        expect(`${text} → ${toFixedHalfUp(text, places)}`).toBe(`${text} → ${expected}`);
      }
    }
  });
});
