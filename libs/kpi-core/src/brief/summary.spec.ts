import { briefSummary, groupDigits } from './summary.js';

const card = (name: string, value: number | string, mom: number | null, paceGap: number | null, status: 'green' | 'yellow' | 'red' | null = null) => ({
  name, nameEn: name, unit: '笔', unitEn: 'deals', value, mom, paceGap, status,
});

describe('briefSummary', () => {
  it('should say what rose, what fell, what is behind pace, the rank and its change', () => {
    const text = briefSummary({
      divisionName: '西区',
      month: '2026-11',
      cards: [card('成交笔数', 16, 23.1, -1.1, 'yellow'), card('成交金额', '38647800.00', 436.2, 50, 'green'), card('注册用户', 26, -7.1, 0.7, 'green'), card('科普人次', 41182, -16.4, -12, 'red')],
      rank: { rank: 2, of: 5, previousRank: 4, status: 'published' },
      events: { count: 2, personTimes: 1270 },
      budgetWarnings: 1,
    });
    expect(text.zh).toBe(
      '2026年11月，西区成交笔数16笔、成交金额38,647,800.00笔。环比上升的有成交金额（+436.2%）、成交笔数（+23.1%）。环比下降的有科普人次（-16.4%）、注册用户（-7.1%）。' +
        '落后于序时进度的有成交笔数（落后1.1个百分点）、科普人次（落后12.0个百分点）。综合指数在全市5个区县中排名第2，较上月上升2位。本月开展科普活动2场、1,270人次；1项预算执行预警待处理。',
    );
    expect(text.en).toContain('ranks 2 of 5 in the city, up 2 from the previous month.');
  });

  it('should label a draft ranking and say when every target is on pace', () => {
    const text = briefSummary({
      divisionName: '东区', month: '2026-01', cards: [card('成交笔数', 3, null, 2, 'green')],
      rank: { rank: 1, of: 5, previousRank: null, status: 'draft' }, events: { count: 1, personTimes: 1 }, budgetWarnings: 0,
    });
    expect(text.zh).toContain('有年度目标的指标均达到序时进度');
    expect(text.zh).toContain('排名第1（排名为草稿，尚未发布）');
    expect(text.en).toContain('1 outreach event reached 1 person-times.');
  });

  it('should group digits of counts and amounts', () => {
    expect(groupDigits(1234567)).toBe('1,234,567');
    expect(groupDigits('-92708000.50')).toBe('-92,708,000.50');
    expect(groupDigits(12)).toBe('12');
  });
});
