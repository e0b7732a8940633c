import { type EntityManager } from 'typeorm';
import { KpiTargetEntity } from '../../kpi/entities/kpi-target.entity.js';
import { shanghaiDay } from '@app/kpi-core';

// 2021 annual targets set by the city (demo): West District's are sized on its seed figures;
// the other divisions' on their demo data. Amounts in 元.
const TARGETS_2021: Record<string, Record<string, string>> = {
  '510403': {
    'deals.tech_service.count': '200', 'deals.tech_service.amount': '90000000.00', 'deals.total.amount': '500000000.00',
    'deals.research_project.count': '12', 'registrations.total.count': '3000', 'popsci.households': '1600',
    'popsci.person_times': '650000', 'events.count': '40', 'listings.sharing_base.count': '8',
  },
  '510402': { 'deals.tech_service.count': '260', 'deals.total.amount': '300000000.00', 'registrations.total.count': '4000', 'popsci.households': '2400', 'events.count': '45' },
  '510411': { 'deals.tech_service.count': '150', 'deals.total.amount': '150000000.00', 'registrations.total.count': '2500', 'popsci.households': '1800', 'events.count': '35' },
  '510421': { 'deals.tech_service.count': '110', 'deals.total.amount': '90000000.00', 'registrations.total.count': '2200', 'popsci.households': '1700', 'events.count': '30' },
  '510422': { 'deals.tech_service.count': '100', 'deals.total.amount': '80000000.00', 'registrations.total.count': '2000', 'popsci.households': '1500', 'events.count': '30' },
};

// West District's 科技服务 deals follow the year's rhythm: slow in spring festival, busy in the autumn.
const TECH_SERVICE_PLAN_510403 = ['4', '3', '7', '8', '9', '9', '8', '8', '10', '10', '12', '12'];

// The current year's targets, sized on the demo's mature-platform volumes (2022 on), so the
// panel opened today shows completion against 序时进度 too.
const CURRENT_YEAR_SIZE: Record<string, number> = { '510402': 1, '510403': 1, '510411': 0.8, '510421': 0.6, '510422': 0.5 };
const CURRENT_YEAR_TARGETS: Record<string, number> = {
  'deals.tech_service.count': 190, 'deals.total.amount': 60_000_000, 'registrations.total.count': 300,
  'popsci.households': 1_400, 'popsci.person_times': 520_000,
};

export async function loadKpiDemo(manager: EntityManager, today = shanghaiDay(new Date())): Promise<void> {
  const year = Number(today.slice(0, 4));
  if (year > 2021) {
    for (const [divisionCode, size] of Object.entries(CURRENT_YEAR_SIZE)) {
      for (const [metricCode, annual] of Object.entries(CURRENT_YEAR_TARGETS)) {
        const value = metricCode.endsWith('.amount') ? (Math.round(annual * size) / 1).toFixed(2) : String(Math.round(annual * size));
        await manager.save(Object.assign(new KpiTargetEntity(), { divisionCode, year, metricCode, annual: value, monthlyPlan: null, note: '演示目标' }));
      }
    }
  }
  for (const [divisionCode, metrics] of Object.entries(TARGETS_2021)) {
    for (const [metricCode, annual] of Object.entries(metrics)) {
      const monthlyPlan = divisionCode === '510403' && metricCode === 'deals.tech_service.count' ? TECH_SERVICE_PLAN_510403 : null;
      await manager.save(Object.assign(new KpiTargetEntity(), { divisionCode, year: 2021, metricCode, annual, monthlyPlan, note: '演示目标' }));
    }
  }
}
