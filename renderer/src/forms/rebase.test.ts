import { describe, expect, it } from 'vitest';
import { rebaseValues } from './rebase';

describe('rebaseValues', () => {
  const base = { name: 'Druckerei Weiß', city: 'Köln', active: true, notes: '' };

  it('takes the other person’s changes and keeps the fields this user typed', () => {
    const mine = { ...base, city: 'Bonn' };
    const loaded = { ...base, name: 'Druckerei Weiß GmbH', active: false };
    expect(rebaseValues(base, mine, loaded)).toEqual({ values: { name: 'Druckerei Weiß GmbH', city: 'Bonn', active: false, notes: '' }, kept: ['city'] });
  });

  it('keeps the user’s value where both changed the same field, and says so', () => {
    const mine = { ...base, name: 'Weiß Druck' };
    const loaded = { ...base, name: 'Druckerei Weiß GmbH' };
    expect(rebaseValues(base, mine, loaded)).toEqual({ values: { ...base, name: 'Weiß Druck' }, kept: ['name'] });
  });

  it('counts nothing as kept where the user typed what the other person saved, or typed nothing', () => {
    expect(rebaseValues(base, { ...base, city: 'Bonn' }, { ...base, city: 'Bonn' }).kept).toEqual([]);
    expect(rebaseValues(base, base, { ...base, notes: 'neu' })).toEqual({ values: { ...base, notes: 'neu' }, kept: [] });
  });
});
