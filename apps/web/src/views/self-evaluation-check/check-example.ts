import { type SelfEvaluationCheckRequest } from '@app/contracts';

// The seed's 附件2 (天府科技云运维项目) exactly as printed: the header says 万元 while the amounts are 元,
// the total row is blank and the cost row's 完成率 is printed 45.45 (apps/api/src/database/demo/accounts-demo.ts).
const qualitative = (level1: string, level2: string, name: string, actual: string) =>
  ({ level1, level2, name, direction: 'qualitative' as const, target: name, actual, unit: null, weight: null, printedScore: null, printedCompletion: '100', reason: null });

export const ANNEX2_CLOUD_EXAMPLE: SelfEvaluationCheckRequest = {
  template: 'sichuan',
  unit: '万元',
  project: { name: '攀枝花市西区天府科技云服务中心运维服务项目' },
  budget: {
    weight: null,
    printedScore: null,
    reason: null,
    lines: [
      { source: '上级财政资金', budget: '180000', executed: '156688.3', printedRate: '87.05' },
      { source: '本级财政资金', budget: '164702', executed: '0', printedRate: '0' },
      { source: '其他资金', budget: null, executed: null, printedRate: null },
    ],
    total: { budget: '344702', executed: null, printedRate: null },
  },
  indicators: [
    qualitative('项目完成', '数量指标', '城乡群众可获取平台精准科普信息服务', '服务人数占比达到城乡群众人数的30%'),
    qualitative('项目完成', '质量指标', '科技服务更加精准、便捷', '平台智能匹配“科技所需”与“科技所能”'),
    qualitative('项目完成', '时效指标', '2021年全年', '“天府科技云服务”平台建立推广'),
    {
      level1: '项目完成', level2: '成本指标', name: '344702元经费', direction: '<=', target: '344702', actual: '156688.3', unit: '元',
      weight: null, printedScore: null, printedCompletion: '45.45', reason: '164702元为本级财政补助经费，未使用',
    },
    qualitative('项目效益', '经济效益指标', '通过“天府科技云服务”平台，为科技供需双方建立规范化的信息平台', '实现科技服务的市场化、精准化、便捷化、智能化'),
    qualitative('满意度指标', '满意度指标', '科普服务更加智能精准畅达', '实现“智慧科普、精准科普、直通科普”'),
  ],
  printedTotal: null,
  printedGrade: null,
};
