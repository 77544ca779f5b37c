import { describe, expect, it } from 'vitest';
import { xsdErrorsAll, xsdSkipReason } from '../../../test/support/ebics-xsd';

const hev = (element: string) =>
  `<?xml version="1.0"?><ebicsHEVRequest xmlns="http://www.ebics.org/H000"><${element}>KONTORDEMO</${element}></ebicsHEVRequest>`;

describe('schema validation of many documents in one xmllint run', () => {
  it.skipIf(xsdSkipReason !== undefined)('passes valid documents and names the one that fails', () => {
    expect(
      xsdErrorsAll(
        [
          { name: 'first', xml: hev('HostID') },
          { name: 'second', xml: hev('HostID') },
        ],
        'HEV',
      ),
    ).toEqual([]);
    const errors = xsdErrorsAll(
      [
        { name: 'good one', xml: hev('HostID') },
        { name: 'bad one', xml: hev('Host') },
      ],
      'HEV',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^bad one:1: element Host: Schemas validity error/);
  });
});
