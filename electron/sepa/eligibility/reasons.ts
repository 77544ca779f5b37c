/**
 * Why an entry cannot become a SEPA payment, in the order the user reads them
 * (the entry itself, then the customer's or supplier's instrument, then our
 * bank account, then approval and currency). checkEligibility lists reasons in
 * this order, so the same entry always shows the same list.
 */
export const NOT_ELIGIBLE_REASONS = [
  'notOpen',
  'wrongSign',
  'methodNotSepa',
  'noDueDate',
  'dueTooLate',
  'noMandate',
  'mandateInactive',
  'mandateWrongDirection',
  'mandateEntityMismatch',
  'mandateSignedInFuture',
  'mandateOfOtherAccount',
  'noPayoutDetails',
  'payoutDetailsInactive',
  'payoutWrongDirection',
  'noBankAccount',
  'bankAccountEntityMismatch',
  'approvalPending',
  'approvalRejected',
  'approvalHeld',
  'currencyNotEur',
] as const;

export type NotEligibleReason = (typeof NOT_ELIGIBLE_REASONS)[number];

export type ReasonLocale = 'en' | 'de';

export const DEFAULT_HORIZON_DAYS = 14;

type Texts = Record<NotEligibleReason, (horizonDays: number) => string>;

const EN: Texts = {
  notOpen: () => 'This entry is no longer open: nothing is left to collect or pay.',
  wrongSign: () => 'The open amount has the wrong sign: a receivable must be positive, a payable negative.',
  methodNotSepa: () => 'The requested payment method is not SEPA.',
  noDueDate: () => 'The entry has no due date.',
  dueTooLate: (n) => `The due date is more than ${n} days away.`,
  noMandate: () => 'No active SEPA mandate for this customer.',
  mandateInactive: () => 'The SEPA mandate is inactive.',
  mandateWrongDirection: () => 'The mandate does not allow collecting money from this customer.',
  mandateEntityMismatch: () => 'The SEPA mandate was given to another of your business entities than this entry’s.',
  mandateSignedInFuture: () => 'The mandate’s signature date is in the future.',
  mandateOfOtherAccount: () => 'The requested mandate or bank details belong to another customer or supplier.',
  noPayoutDetails: () => 'No active bank details to pay this supplier.',
  payoutDetailsInactive: () => 'The bank details for this payment are inactive.',
  payoutWrongDirection: () => 'These bank details do not allow paying out money.',
  noBankAccount: () => 'No bank account: none is requested and the business entity has no preferred account.',
  bankAccountEntityMismatch: () => 'The bank account belongs to another business entity than this entry.',
  approvalPending: () => 'The payment is waiting for approval.',
  approvalRejected: () => 'The payment was rejected by the approver.',
  approvalHeld: () => 'The payment is on hold.',
  currencyNotEur: () => 'Only euro amounts on euro accounts can be paid by SEPA.',
};

const DE: Texts = {
  notOpen: () => 'Dieser Posten ist nicht mehr offen: Es ist nichts mehr einzuziehen oder zu zahlen.',
  wrongSign: () => 'Der offene Betrag hat das falsche Vorzeichen: Eine Forderung muss positiv, eine Verbindlichkeit negativ sein.',
  methodNotSepa: () => 'Die gewünschte Zahlungsart ist nicht SEPA.',
  noDueDate: () => 'Der Posten hat kein Fälligkeitsdatum.',
  dueTooLate: (n) => `Das Fälligkeitsdatum liegt mehr als ${n} Tage in der Zukunft.`,
  noMandate: () => 'Kein aktives SEPA-Mandat für diesen Kunden.',
  mandateInactive: () => 'Das SEPA-Mandat ist nicht aktiv.',
  mandateWrongDirection: () => 'Das Mandat erlaubt keinen Einzug bei diesem Kunden.',
  mandateEntityMismatch: () => 'Das SEPA-Mandat wurde einer anderen Ihrer Gesellschaften erteilt als der dieses Postens.',
  mandateSignedInFuture: () => 'Das Unterschriftsdatum des Mandats liegt in der Zukunft.',
  mandateOfOtherAccount: () => 'Das gewünschte Mandat bzw. die Bankverbindung gehört zu einem anderen Kunden oder Lieferanten.',
  noPayoutDetails: () => 'Keine aktive Bankverbindung für Zahlungen an diesen Lieferanten.',
  payoutDetailsInactive: () => 'Die Bankverbindung für diese Zahlung ist nicht aktiv.',
  payoutWrongDirection: () => 'Diese Bankverbindung erlaubt keine Auszahlungen.',
  noBankAccount: () => 'Kein Bankkonto: Keines ist angegeben, und die Gesellschaft hat kein bevorzugtes Bankkonto.',
  bankAccountEntityMismatch: () => 'Das Bankkonto gehört zu einer anderen Gesellschaft als dieser Posten.',
  approvalPending: () => 'Die Zahlung wartet auf Freigabe.',
  approvalRejected: () => 'Die Freigabe der Zahlung wurde abgelehnt.',
  approvalHeld: () => 'Die Zahlung ist zurückgestellt.',
  currencyNotEur: () => 'Per SEPA können nur Euro-Beträge über Euro-Konten gezahlt werden.',
};

/**
 * One short sentence for a treasury user. `horizonDays` only changes the
 * `dueTooLate` text; pass the horizon the check ran with.
 */
export function describeReason(reason: NotEligibleReason, locale: ReasonLocale, options: { horizonDays?: number } = {}): string {
  const texts = locale === 'de' ? DE : EN;
  return texts[reason](options.horizonDays ?? DEFAULT_HORIZON_DAYS);
}
