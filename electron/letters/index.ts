/** The EBICS initialisation letter (INI + HIA) as PDF: plain Node, no Electron. */
export { buildInitialisationLetter, letterHash } from './init-letter';
export type { InitLetterData, InitLetterOptions, LetterKey, LetterKeyVersion, EbicsLetterVersion } from './init-letter';
export type { LetterLocale, KeyPurpose } from './texts';
export { DEFAULT_FONT_DIR } from './fonts';
export { buildTextLetter } from './text-letter';
export { buildControlList } from './control-list';
export type { ControlListData } from './control-list';
