/** What request handling needs from the running bank. */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../../shared/dates';
import type { AccountRow } from '../store/accounts';
import type { BankKeys } from '../store/bank-keys';
import type { StatementKind } from './order-types';
import type { BtfService, DateRange } from './request';
import type { EbicsVersion } from './versions';

export interface StatementSubscriber {
  partnerId: string;
  userId: string;
  name: string;
  accounts: readonly AccountRow[];
}

/** How the statement was asked for, beyond its kind. */
export interface StatementRequestDetails {
  ebicsVersion: EbicsVersion;
  /** C53, STA, … (H004) or BTD (H005). */
  orderType: string;
  /** H005: the BTF service as the client sent it (e.g. MsgName@version). */
  service?: BtfService | undefined;
  /** The client expects a ZIP container (C53/C52/C54, BTD with Container ZIP). */
  zip: boolean;
}

/**
 * Where statements come from: the bytes to deliver for a subscriber, a kind
 * and an optional date range (business dates, inclusive), or null when
 * there is nothing (the bank answers 090005). Without a date range a bank
 * delivers what is new.
 */
export type StatementSource = (
  subscriber: StatementSubscriber,
  kind: StatementKind,
  dateRange: DateRange | undefined,
  details: StatementRequestDetails,
) => Buffer | null;

export const noStatements: StatementSource = () => null;

export interface Limits {
  /** Most segments an upload may announce (091118 beyond). */
  maxSegments: number;
  /** Most bytes uploaded order data may inflate to (091117 beyond). */
  maxOrderDataBytes: number;
  /** Most base64 characters in one uploaded segment (091009 beyond): 1 MB. */
  maxSegmentChars: number;
  /** How far a request's timestamp may be from the bank's clock (091103 beyond). */
  timestampToleranceMs: number;
}

/** Download segments the bank cuts unless told otherwise: EBICS allows 1 MB, counted here in base64 characters. */
export const DEFAULT_SEGMENT_CHARS = 1_048_576;

export const DEFAULT_LIMITS: Limits = {
  maxSegments: 1000,
  maxOrderDataBytes: 100 * 1024 * 1024,
  maxSegmentChars: 1_048_576,
  timestampToleranceMs: 5 * 60 * 1000,
};

export interface BankContext {
  db: Database;
  hostId: string;
  /** The URL clients use (HPD, letters). */
  url: string;
  clock: Clock;
  keys: BankKeys;
  /** Size of the download segments the bank cuts (base64 characters, multiple of 4). */
  segmentSize: number;
  limits: Limits;
  statementSource: StatementSource;
  /** Where unexpected errors are reported (they are answered with 061099). */
  log: (message: string) => void;
  /** Whether overviews and protocols list the order now (the `late-visibility` fault hides some for a while); default all. */
  listed?: (orderId: string | null) => boolean;
}

export function nowIso(ctx: BankContext): string {
  return ctx.clock.now().toISOString();
}
