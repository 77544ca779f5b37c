/**
 * The question a person confirms before keys leave Kontor, are replaced, or
 * an access is blocked at the bank: the same words in the window's native
 * dialog, on the CLI's terminal and next to the browser host's code.
 */
import type { ConfirmationRequest, ConfirmedCall } from '../context';

export interface ConfirmationTexts {
  title: string;
  /** The one sentence the decision is about, naming the access. */
  message: string;
  /** What follows from confirming, and when to refuse. */
  detail: string;
  confirmLabel: string;
  cancelLabel: string;
}

type Access = ConfirmationRequest['access'];
type Words = { title: string; message: (a: Access) => string; detail: string; confirmLabel: string };

const en: Record<ConfirmedCall, Words> = {
  'bankAccess.exportKeys': {
    title: 'Export the keys of this bank access?',
    message: (a) => `Export the private keys of “${a.name}” (partner ${a.partnerId}, user ${a.userId}) into a file?`,
    detail:
      'Whoever has the file and its password can sign payments and fetch statements at the bank as your company. Confirm only if you started this export yourself.',
    confirmLabel: 'Export keys',
  },
  'bankAccess.importKeys': {
    title: 'Replace the keys of this bank access?',
    message: (a) => `Replace the keys of “${a.name}” (partner ${a.partnerId}, user ${a.userId}) with those from a key file?`,
    detail:
      'From then on Kontor talks to the bank with the imported keys. Confirm only if you started this import yourself and the file comes from your company.',
    confirmLabel: 'Import keys',
  },
  'bankAccess.suspend': {
    title: 'Suspend this bank access at the bank?',
    message: (a) => `Ask the bank to block user ${a.userId} of partner ${a.partnerId} (“${a.name}”)?`,
    detail: 'Nobody can use this access any more, until it is initialised again with new keys and a new signed letter.',
    confirmLabel: 'Suspend at the bank',
  },
  'bankAccess.reinitialise': {
    title: 'Initialise this bank access again?',
    message: (a) => `Delete the keys of “${a.name}” (partner ${a.partnerId}, user ${a.userId}) and start the setup over?`,
    detail: 'The old keys are gone for good; the bank needs a new signed letter before the access works again.',
    confirmLabel: 'Initialise again',
  },
};

const de: Record<ConfirmedCall, Words> = {
  'bankAccess.exportKeys': {
    title: 'Schlüssel dieses Bankzugangs exportieren?',
    message: (a) => `Die privaten Schlüssel von „${a.name}“ (Kunden-ID ${a.partnerId}, Teilnehmer-ID ${a.userId}) in eine Datei exportieren?`,
    detail:
      'Wer die Datei und ihr Passwort hat, kann bei der Bank im Namen Ihres Unternehmens Zahlungen unterschreiben und Kontoauszüge abrufen. Bestätigen Sie nur, wenn Sie diesen Export selbst gestartet haben.',
    confirmLabel: 'Schlüssel exportieren',
  },
  'bankAccess.importKeys': {
    title: 'Schlüssel dieses Bankzugangs ersetzen?',
    message: (a) => `Die Schlüssel von „${a.name}“ (Kunden-ID ${a.partnerId}, Teilnehmer-ID ${a.userId}) durch die aus einer Schlüsseldatei ersetzen?`,
    detail:
      'Danach spricht Kontor mit den importierten Schlüsseln mit der Bank. Bestätigen Sie nur, wenn Sie diesen Import selbst gestartet haben und die Datei aus Ihrem Unternehmen stammt.',
    confirmLabel: 'Schlüssel importieren',
  },
  'bankAccess.suspend': {
    title: 'Diesen Bankzugang bei der Bank sperren?',
    message: (a) => `Die Bank bitten, den Teilnehmer ${a.userId} des Kunden ${a.partnerId} („${a.name}“) zu sperren?`,
    detail: 'Danach kann niemand diesen Zugang nutzen, bis er mit neuen Schlüsseln und einem neuen unterschriebenen Brief neu initialisiert ist.',
    confirmLabel: 'Bei der Bank sperren',
  },
  'bankAccess.reinitialise': {
    title: 'Diesen Bankzugang neu initialisieren?',
    message: (a) => `Die Schlüssel von „${a.name}“ (Kunden-ID ${a.partnerId}, Teilnehmer-ID ${a.userId}) löschen und die Einrichtung neu beginnen?`,
    detail: 'Die alten Schlüssel sind danach endgültig weg; die Bank braucht einen neuen unterschriebenen Brief, bevor der Zugang wieder funktioniert.',
    confirmLabel: 'Neu initialisieren',
  },
};

export function confirmationTexts(request: Pick<ConfirmationRequest, 'call' | 'access' | 'locale'>): ConfirmationTexts {
  const words = (request.locale === 'de' ? de : en)[request.call];
  return {
    title: words.title,
    message: words.message(request.access),
    detail: words.detail,
    confirmLabel: words.confirmLabel,
    cancelLabel: request.locale === 'de' ? 'Abbrechen' : 'Cancel',
  };
}
