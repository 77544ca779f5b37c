/**
 * What a payment file's builder tells the user, as codes with parameters
 * (the renderer translates `code`; `message` is the same in English for the
 * CLI and logs). The transliteration warning carries the first changed texts,
 * before and after, so the order can show what changed.
 */

/** How many changed texts a transliteration warning lists (the count covers all). */
export const MAX_LISTED_CHANGES = 20;

export interface TextChangePreview {
  /** Where the text is written, e.g. `blocks[0].transactions[3].creditor.name`. */
  field: string;
  before: string;
  after: string;
  truncated: boolean;
}

export type FileWarning =
  | { code: 'sepa.transliterated'; params: { count: number; cut: number }; changes: TextChangePreview[]; message: string }
  | { code: 'sepa.executionNotTarget2Day'; params: { paymentInfoId: string; date: string; next: string }; message: string };

export function transliterated(count: number, cut: number, changes: readonly TextChangePreview[]): FileWarning {
  return {
    code: 'sepa.transliterated',
    params: { count, cut },
    changes: changes.slice(0, MAX_LISTED_CHANGES),
    message:
      `${count} text${count === 1 ? ' was' : 's were'} changed to fit the SEPA character set` +
      (cut > 0 ? `, ${cut} of them cut to the maximum length` : '') +
      '.',
  };
}

export function executionNotTarget2Day(paymentInfoId: string, date: string, next: string): FileWarning {
  return {
    code: 'sepa.executionNotTarget2Day',
    params: { paymentInfoId, date, next },
    message: `Payment block ${paymentInfoId}: execution date ${date} is not a TARGET2 business day; the bank will execute on ${next}.`,
  };
}
