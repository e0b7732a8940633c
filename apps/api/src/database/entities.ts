// Every entity and migration, listed as classes (not globs) so the same options work from
// the TypeScript sources (jest), the compiled build (node) and the TypeORM CLI.
import { AuditLogEntity } from '../audit/entities/audit-log.entity.js';
import { LoginThrottleEntity } from '../auth/entities/login-throttle.entity.js';
import { SessionEntity } from '../users/entities/session.entity.js';
import { DivisionDenominatorEntity } from '../divisions/entities/division-denominator.entity.js';
import { DivisionEntity } from '../divisions/entities/division.entity.js';
import { JobRunEntity } from '../jobs/entities/job-run.entity.js';
import { UserEntity } from '../users/entities/user.entity.js';
import { Foundation1764115200000 } from './migrations/1764115200000-Foundation.js';
import { KpiTargetEntity } from '../kpi/entities/kpi-target.entity.js';
import { Kpi1764288000000 } from './migrations/1764288000000-Kpi.js';
import { ImportBatchEntity } from '../imports/entities/import-batch.entity.js';
import { CumulativeObservationEntity } from '../platform/entities/cumulative-observation.entity.js';
import { DealEntity } from '../platform/entities/deal.entity.js';
import { ListingEntity } from '../platform/entities/listing.entity.js';
import { PopsciServiceEntity } from '../platform/entities/popsci-service.entity.js';
import { RegistrationEntity } from '../platform/entities/registration.entity.js';
import { PlatformData1764201600000 } from './migrations/1764201600000-PlatformData.js';
import { EventAttachmentEntity } from '../events/entities/event-attachment.entity.js';
import { EventHistoryEntity } from '../events/entities/event-history.entity.js';
import { EventIndicatorEntity } from '../events/entities/event-indicator.entity.js';
import { EventTypeEntity } from '../events/entities/event-type.entity.js';
import { OutreachEventEntity } from '../events/entities/outreach-event.entity.js';
import { OutreachEvents1764460800000 } from './migrations/1764460800000-OutreachEvents.js';
import { BudgetProjectEntity } from '../budget/entities/budget-project.entity.js';
import { BudgetWarningEntity } from '../budget/entities/budget-warning.entity.js';
import { FundingLineEntity } from '../budget/entities/funding-line.entity.js';
import { PaymentEntity } from '../budget/entities/payment.entity.js';
import { PerformanceIndicatorEntity } from '../performance/entities/performance-indicator.entity.js';
import { SelfEvaluationEntity } from '../performance/entities/self-evaluation.entity.js';
import { BudgetPerformance1764374400000 } from './migrations/1764374400000-BudgetPerformance.js';
import { AccountsAnnexTableEntity } from '../accounts/entities/accounts-annex-table.entity.js';
import { AccountsFigureEntity } from '../accounts/entities/accounts-figure.entity.js';
import { AccountsStatementEntity } from '../accounts/entities/accounts-statement.entity.js';
import { ConsistencyFindingEntity } from '../accounts/entities/consistency-finding.entity.js';
import { DepartmentAccounts1764547200000 } from './migrations/1764547200000-DepartmentAccounts.js';
import { PlatformSyncState1764633600000 } from './migrations/1764633600000-PlatformSyncState.js';
import { PanelReadIndex1764720000000 } from './migrations/1764720000000-PanelReadIndex.js';
import { SessionChangeNotify1764806400000 } from './migrations/1764806400000-SessionChangeNotify.js';
import { PanelReadModel1764892800000 } from './migrations/1764892800000-PanelReadModel.js';
import { BriefsAndNotices1764979200000 } from './migrations/1764979200000-BriefsAndNotices.js';
import { NotifyDeliverySteps1765000800000 } from './migrations/1765000800000-NotifyDeliverySteps.js';
import { PanelVersion1764985000000 } from './migrations/1764985000000-PanelVersion.js';
import { AuditClientRequestId1764993600000 } from './migrations/1764993600000-AuditClientRequestId.js';
import { FindingPlace1765008000000 } from './migrations/1765008000000-FindingPlace.js';
import { DivisionPanelVersionFix1765015200000 } from './migrations/1765015200000-DivisionPanelVersionFix.js';

export const ENTITIES = [
  AuditLogEntity,
  DivisionEntity,
  DivisionDenominatorEntity,
  JobRunEntity,
  LoginThrottleEntity,
  SessionEntity,
  UserEntity,
  KpiTargetEntity,
  ImportBatchEntity,
  DealEntity,
  ListingEntity,
  RegistrationEntity,
  PopsciServiceEntity,
  CumulativeObservationEntity,
  EventTypeEntity,
  OutreachEventEntity,
  EventIndicatorEntity,
  EventHistoryEntity,
  EventAttachmentEntity,
  BudgetProjectEntity,
  FundingLineEntity,
  PaymentEntity,
  BudgetWarningEntity,
  PerformanceIndicatorEntity,
  SelfEvaluationEntity,
  AccountsFigureEntity,
  AccountsStatementEntity,
  AccountsAnnexTableEntity,
  ConsistencyFindingEntity,
];

export const MIGRATIONS = [Foundation1764115200000, PlatformData1764201600000, Kpi1764288000000, BudgetPerformance1764374400000, OutreachEvents1764460800000, DepartmentAccounts1764547200000, PlatformSyncState1764633600000, PanelReadIndex1764720000000, SessionChangeNotify1764806400000, PanelReadModel1764892800000, BriefsAndNotices1764979200000, PanelVersion1764985000000, AuditClientRequestId1764993600000, NotifyDeliverySteps1765000800000, FindingPlace1765008000000, DivisionPanelVersionFix1765015200000];
