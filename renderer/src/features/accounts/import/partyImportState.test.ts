import { describe, expect, it } from 'vitest';
import { PartyMapping } from '../../../../../shared/parties';
import { kindChoiceOf, withKindChoice, withKindValues, withPartyColumn } from './partyImportState';

const base = PartyMapping.parse({ columns: { number: 'Konto', name: 'Name' }, kind: { from: 'ask' } });

describe('editing the parties mapping', () => {
  it('reads the kind from a column once one is chosen, keeps the mapped values, and asks again when the column is taken away', () => {
    const byColumn = withPartyColumn(base, 'kind', 'D/K');
    expect(byColumn.kind).toEqual({ from: 'column', customer: [], supplier: [] });
    const mapped = withKindValues(withKindValues(byColumn, 'customer', ['D']), 'supplier', ['K']);
    expect(withPartyColumn(mapped, 'iban', 'IBAN').kind).toEqual({ from: 'column', customer: ['D'], supplier: ['K'] });
    expect(withPartyColumn(mapped, 'name', 'D/K').kind).toEqual({ from: 'ask' });
    expect(withPartyColumn(mapped, 'name', 'D/K').columns).toMatchObject({ name: 'D/K', kind: null });
  });

  it('offers one kind for every row instead', () => {
    expect(kindChoiceOf(withKindChoice(base, 'supplier'))).toBe('supplier');
    expect(kindChoiceOf(base)).toBe('ask');
    expect(withKindValues(base, 'customer', ['D'])).toEqual(base);
  });
});
