/** Wording of the initialisation letter, German (the default for German banks) and English. */

export type LetterLocale = 'de' | 'en';
export type KeyPurpose = 'signature' | 'authentication' | 'encryption';

export interface LetterTexts {
  iniTitle: string;
  iniSubtitle: string;
  hiaTitle: string;
  hiaSubtitle: string;
  continued: string;
  date: string;
  bank: string;
  hostId: string;
  hostUrl: string;
  partnerId: string;
  userId: string;
  customer: string;
  ebicsVersion: string;
  partnerIdShort: string;
  userIdShort: string;
  keyHeading: Record<KeyPurpose, string>;
  exponent: (bits: number) => string;
  modulus: (bits: number) => string;
  publicKeyHash: string;
  certificate: string;
  certificateSubject: string;
  certificateValidity: (from: string, to: string) => string;
  certificateHash: string;
  confirmIni: (withCertificate: boolean) => string;
  confirmHia: (withCertificate: boolean) => string;
  placeDate: string;
  name: string;
  signature: string;
  page: (n: number, total: number) => string;
}

const de: LetterTexts = {
  iniTitle: 'INI-Brief',
  iniSubtitle: 'EBICS-Initialisierungsbrief für den Schlüssel der elektronischen Unterschrift',
  hiaTitle: 'HIA-Brief',
  hiaSubtitle: 'EBICS-Initialisierungsbrief für den Authentifikations- und den Verschlüsselungsschlüssel',
  continued: 'Fortsetzung',
  date: 'Datum',
  bank: 'Bank',
  hostId: 'Host-ID',
  hostUrl: 'Host-URL',
  partnerId: 'Kunden-ID (Partner-ID)',
  userId: 'Teilnehmer-ID (User-ID)',
  customer: 'Kunde / Firma',
  ebicsVersion: 'EBICS-Version',
  partnerIdShort: 'Kunden-ID',
  userIdShort: 'Teilnehmer-ID',
  keyHeading: {
    signature: 'Öffentlicher Schlüssel für die elektronische Unterschrift',
    authentication: 'Öffentlicher Authentifikationsschlüssel',
    encryption: 'Öffentlicher Verschlüsselungsschlüssel',
  },
  exponent: (bits) => `Exponent (${bits} Bit):`,
  modulus: (bits) => `Modulus (${bits} Bit):`,
  publicKeyHash: 'Hashwert (SHA-256):',
  certificate: 'Zertifikat (X.509, Base64):',
  certificateSubject: 'Inhaber:',
  certificateValidity: (from, to) => `Gültig vom ${from} bis ${to}`,
  certificateHash: 'Hashwert des Zertifikats (SHA-256):',
  confirmIni: (cert) =>
    `Hiermit bestätige ich, dass ich den oben aufgeführten öffentlichen Schlüssel${cert ? ' samt Zertifikat' : ''} ` +
    'für meine elektronische Unterschrift erzeugt und per EBICS an die Bank übermittelt habe.',
  confirmHia: (cert) =>
    `Hiermit bestätige ich, dass ich die oben aufgeführten öffentlichen Schlüssel${cert ? ' samt Zertifikaten' : ''} ` +
    'für die Authentifikation und die Verschlüsselung meines EBICS-Zugangs erzeugt und per EBICS an die Bank übermittelt habe.',
  placeDate: 'Ort, Datum',
  name: 'Name in Druckbuchstaben',
  signature: 'Unterschrift',
  page: (n, total) => `Seite ${n} von ${total}`,
};

const en: LetterTexts = {
  iniTitle: 'Initialisation letter INI',
  iniSubtitle: 'EBICS initialisation letter for the electronic signature key',
  hiaTitle: 'Initialisation letter HIA',
  hiaSubtitle: 'EBICS initialisation letter for the authentication and encryption keys',
  continued: 'continued',
  date: 'Date',
  bank: 'Bank',
  hostId: 'Host ID',
  hostUrl: 'Host URL',
  partnerId: 'Partner ID (customer ID)',
  userId: 'User ID (subscriber ID)',
  customer: 'Customer / company',
  ebicsVersion: 'EBICS version',
  partnerIdShort: 'Partner ID',
  userIdShort: 'User ID',
  keyHeading: {
    signature: 'Public key for the electronic signature',
    authentication: 'Public authentication key',
    encryption: 'Public encryption key',
  },
  exponent: (bits) => `Exponent (${bits} bits):`,
  modulus: (bits) => `Modulus (${bits} bits):`,
  publicKeyHash: 'Hash (SHA-256):',
  certificate: 'Certificate (X.509, Base64):',
  certificateSubject: 'Subject:',
  certificateValidity: (from, to) => `Valid from ${from} to ${to}`,
  certificateHash: 'Certificate hash (SHA-256):',
  confirmIni: (cert) =>
    `I hereby confirm that I generated the above public key${cert ? ' and its certificate' : ''} ` +
    'for my electronic signature and sent it to the bank via EBICS.',
  confirmHia: (cert) =>
    `I hereby confirm that I generated the above public authentication and encryption keys${cert ? ' and their certificates' : ''} ` +
    'for my EBICS access and sent them to the bank via EBICS.',
  placeDate: 'Place, date',
  name: 'Name in block letters',
  signature: 'Signature',
  page: (n, total) => `Page ${n} of ${total}`,
};

export function letterTexts(locale: LetterLocale): LetterTexts {
  return locale === 'en' ? en : de;
}
