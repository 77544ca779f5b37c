import { describe, expect, it } from 'vitest';
import { api, apiDomains } from './api';

describe('the call table', () => {
  it('is the join of the domain tables, each call in exactly one of them', () => {
    const names = Object.values(apiDomains).flatMap((table) => Object.keys(table));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(api).sort()).toEqual([...names].sort());
    for (const table of Object.values(apiDomains)) expect(Object.keys(table).length).toBeGreaterThan(0);
  });

  it('keeps each call with its spec from its domain table', () => {
    for (const table of Object.values(apiDomains)) {
      for (const [name, spec] of Object.entries(table)) expect(api[name as keyof typeof api]).toBe(spec);
    }
  });
});
