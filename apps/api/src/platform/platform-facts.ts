import { type DealKind, type ListingKind, type PopsciChannel, type RegistrationType } from '@app/contracts';

// The rows the platform repositories write; the import parser's rows have these shapes (plus a row number).

export interface DealFact {
  externalId: string;
  kind: DealKind;
  divisionCode: string;
  dealDate: string;
  /** 元, exact, two decimals ("92708000.00"). */
  amountYuan: string;
  demander: string | null;
  provider: string | null;
  title: string | null;
}

export interface ListingFact {
  externalId: string;
  kind: ListingKind;
  divisionCode: string;
  listedDate: string;
}

export interface RegistrationFact {
  externalId: string;
  userType: RegistrationType;
  divisionCode: string;
  registeredDate: string;
}

export interface PopsciServiceFact {
  divisionCode: string;
  serviceDate: string;
  channel: PopsciChannel;
  households: number;
  personTimes: number;
}

export interface CumulativeObservationFact {
  divisionCode: string;
  metricCode: string;
  asOf: string;
  /** Exact decimal string. */
  value: string;
}

/** The `source` of fact rows from back-office exports, whether uploaded or dropped in the inbox: same ids. */
export const FILE_SOURCE = 'file';
export const FEED_SOURCE = 'feed';
export const DEMO_SOURCE = 'demo';
