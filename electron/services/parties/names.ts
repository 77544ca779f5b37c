/**
 * Header names (in normal form, see csv/columns `normalizeHeader`) of the
 * bank-detail columns that the entries import and the parties import both
 * read, most specific first.
 */
export interface FieldNames {
  exact: string[];
  generic?: string[];
}

export const IBAN_NAMES: FieldNames = {
  exact: ['iban', 'kundeniban', 'lieferanteniban', 'ibankunde', 'ibanlieferant', 'bankverbindungiban', 'ibannummer', 'kontoiban', 'accountiban'],
  generic: ['bankverbindung', 'bankkonto', 'bankaccount'],
};

export const BIC_NAMES: FieldNames = {
  exact: ['bic', 'swift', 'swiftbic', 'bicswift', 'bicswiftcode', 'swiftcode', 'kundenbic', 'lieferantenbic', 'bankcode'],
};

export const MANDATE_DATE_NAMES: FieldNames = {
  exact: [
    'mandatsdatum',
    'datummandat',
    'mandatdatum',
    'unterschriftsdatum',
    'mandatunterschrieben',
    'mandatsunterschrift',
    'unterschriftmandat',
    'mandatvom',
    'mandatedate',
    'dateofsignature',
    'signaturedate',
    'mandatesignedon',
    'mandatesigned',
  ],
};

export const SEQUENCE_NAMES: FieldNames = {
  exact: ['sequenz', 'sequenztyp', 'lastschriftsequenz', 'mandatstyp', 'mandatsart', 'sequence', 'sequencetype', 'seqtype', 'mandatetype'],
};

export const SCHEME_NAMES: FieldNames = {
  exact: ['lastschriftart', 'verfahren', 'lastschriftverfahren', 'scheme', 'mandatescheme', 'ddscheme'],
};
