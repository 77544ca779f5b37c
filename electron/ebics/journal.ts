/**
 * The transaction journal as the EBICS client sees it. Before each request
 * leaves the machine the client records it, and after the bank answered (or
 * did not) it records the outcome, so a crash or a lost answer never leaves
 * Kontor guessing whether the bank received an order. The client knows only
 * this interface; the services keep the journal in the ledger
 * (services/bank-access/journal.ts).
 */
export type TransferDirection = 'upload' | 'download';
export type TransferPhase = 'initialisation' | 'transfer' | 'receipt';

export interface TransferStart {
  bankAccessId?: number | null;
  hostId: string;
  partnerId: string;
  userId: string;
  ebicsVersion: 'H004' | 'H005';
  direction: TransferDirection;
  purpose: string;
  orderType: string;
  paymentOrderId?: number | null;
  dataSha256?: string | null;
  dataBytes?: number | null;
  numSegments?: number | null;
}

export interface StepStart {
  phase: TransferPhase;
  segmentNumber?: number | null;
  nonce?: string | null;
}

export interface StepAnswer {
  technicalCode: string;
  businessCode?: string | null;
  transactionId?: string | null;
  orderId?: string | null;
  numSegments?: number | null;
  segmentsDone?: number | null;
}

/** What resuming an interrupted upload needs to know of its transfer. */
export interface JournalledTransfer {
  direction: TransferDirection;
  orderType: string;
  orderId: string | null;
  numSegments: number | null;
}

export interface JournalledStep {
  phase: TransferPhase;
  segmentNumber: number | null;
  state: 'sending' | 'answered' | 'failed';
}

export interface EbicsJournal {
  /**
   * Which journal this is (the ledger file): an upload this process can still
   * resume belongs to a transfer of one journal, not to a transfer number alone.
   */
  readonly id: string;
  /** A new transfer; returns its number. */
  openTransfer(transfer: TransferStart, at: string): number;
  /** Durable when it returns: the request is sent right after. Returns the step's number. */
  stepSending(transferId: number, step: StepStart, at: string): number;
  stepAnswered(stepId: number, answer: StepAnswer, at: string): void;
  /** A step without a usable answer: `uncertain` when the request may have reached the bank. */
  stepFailed(stepId: number, error: string, transferState: 'failed' | 'uncertain', at: string): void;
  closeTransfer(transferId: number, state: 'completed' | 'failed', at: string, error?: string): void;
  transfer(transferId: number): JournalledTransfer | undefined;
  steps(transferId: number): readonly JournalledStep[];
}
