/**
 * The wording of the demo bank's letters (the user letter and the
 * confirmation with the bank's key hashes), in the user's language: a German
 * bank writes to a German customer in German. Labels are padded to one width
 * per language, so the values line up in the monospaced letter.
 */
export type LetterLocale = 'de' | 'en';

export interface BankLetterTexts {
  userTitle: string;
  customer: string;
  hostUrl: string;
  hostId: string;
  partnerId: string;
  userId: string;
  versions: string;
  accounts: string;
  nextSteps: string;
  confirmationTitle: string;
  activated: string;
  bankKeysOf: (hostId: string) => string;
  authenticationKey: string;
  encryptionKey: string;
  bits: (n: number) => string;
  publicKeyHash: string;
  certificateHash: string;
}

const en: BankLetterTexts = {
  userTitle: 'Kontor Demo Bank - your EBICS access',
  customer: 'Customer:',
  hostUrl: 'Host URL:',
  hostId: 'Host ID:',
  partnerId: 'Partner ID:',
  userId: 'User ID:',
  versions: 'EBICS versions:',
  accounts: 'Accounts:',
  nextSteps: 'Create your keys, send INI and HIA, and post the signed initialisation letter to the bank.',
  confirmationTitle: 'Kontor Demo Bank - confirmation of your EBICS initialisation',
  activated: 'Your keys are activated. Fetch the bank keys (HPB) and compare their hashes with these:',
  bankKeysOf: (hostId) => `Bank keys of ${hostId}`,
  authenticationKey: 'Authentication key X002',
  encryptionKey: 'Encryption key E002',
  bits: (n) => `${n} bit`,
  publicKeyHash: 'Hash of the public key (EBICS 2.5):',
  certificateHash: 'Hash of the certificate (EBICS 3.0):',
};

const de: BankLetterTexts = {
  userTitle: 'Kontor Demobank - Ihr EBICS-Zugang',
  customer: 'Kunde:',
  hostUrl: 'Host-URL:',
  hostId: 'Host-ID:',
  partnerId: 'Kunden-ID:',
  userId: 'Teilnehmer-ID:',
  versions: 'EBICS-Versionen:',
  accounts: 'Konten:',
  nextSteps: 'Erzeugen Sie Ihre Schlüssel, senden Sie INI und HIA, und schicken Sie den unterschriebenen Initialisierungsbrief an die Bank.',
  confirmationTitle: 'Kontor Demobank - Bestätigung Ihrer EBICS-Initialisierung',
  activated: 'Ihre Schlüssel sind freigeschaltet. Holen Sie die Bankschlüssel ab (HPB) und vergleichen Sie deren Hashwerte mit diesen:',
  bankKeysOf: (hostId) => `Bankschlüssel von ${hostId}`,
  authenticationKey: 'Authentifikationsschlüssel X002',
  encryptionKey: 'Verschlüsselungsschlüssel E002',
  bits: (n) => `${n} Bit`,
  publicKeyHash: 'Hashwert des öffentlichen Schlüssels (EBICS 2.5):',
  certificateHash: 'Hashwert des Zertifikats (EBICS 3.0):',
};

export function bankLetterTexts(locale: LetterLocale = 'en'): BankLetterTexts {
  return locale === 'de' ? de : en;
}

/** `label` padded so the values of one block start in one column. */
export function labelled(pairs: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...pairs.map(([label]) => label.length)) + 2;
  return pairs.map(([label, value]) => `${label.padEnd(width)}${value}`);
}
