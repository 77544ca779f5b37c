import { describe, expect, it } from 'vitest';
import { columnOptions, flowReducer, initialFlow, requestKey, requestOf, type FlowAction, type FlowState } from './importFlow';

interface Mapping {
  format: Record<string, never>;
  column: string;
}
interface Preview {
  mapping: Mapping;
  rows: number;
}
type Options = { entityId: string; skipInvalid: boolean };
type State = FlowState<Mapping, Preview, { imported: number }, Options>;
type Action = FlowAction<Mapping, Preview, { imported: number }, Options>;

const run = (actions: Action[], from: State = initialFlow({ entityId: '7', skipInvalid: false })) =>
  actions.reduce(flowReducer<Mapping, Preview, { imported: number }, Options>, from);
const mapping: Mapping = { format: {}, column: 'Betrag' };
const preview: Preview = { mapping, rows: 3 };

describe('the import dialog flow', () => {
  it('starts each new file over: its own preview, the server’s mapping, the choices a file resets', () => {
    const first = run([
      { type: 'fileRead', name: 'a.csv', base64: 'YQ==', options: {} },
      { type: 'mapping', mapping },
      { type: 'options', options: { skipInvalid: true } },
      { type: 'previewAnswered', key: '1:x', preview, options: {} },
    ]);
    expect(first).toMatchObject({ file: { name: 'a.csv', seq: 1 }, mapping, preview, options: { entityId: '7', skipInvalid: true } });
    const second = run([{ type: 'fileRead', name: 'b.csv', base64: 'Yg==', options: { skipInvalid: false } }], first);
    expect(second).toMatchObject({ file: { name: 'b.csv', seq: 2 }, mapping: null, preview: undefined, options: { entityId: '7', skipInvalid: false } });
  });

  it('asks for a preview per file and request, and takes an answer only for the file it was asked for', () => {
    const file = { name: 'a.csv', base64: 'YQ==', seq: 2 };
    const key = requestKey(file, { entityId: '7', mapping: null });
    expect(key).toBe('2:{"entityId":"7","mapping":null}');
    expect(requestOf(key, file)).toEqual({ entityId: '7', mapping: null });
    expect(requestOf(key, { ...file, seq: 3 })).toBeUndefined();
    expect(requestKey(null, {})).toBe('');
  });

  it('keeps the last preview while the next loads, and a failed one says why without losing it', () => {
    const s = run([
      { type: 'previewAnswered', key: '1:a', preview, options: {} },
      { type: 'previewStarted' },
      { type: 'previewFailed', key: '1:b', problem: { code: 'import.noHeader' } },
    ]);
    expect(s).toMatchObject({ preview, previewProblem: { code: 'import.noHeader' }, answered: '1:b', loading: false });
  });

  it('drops the user’s mapping when a profile is chosen, and clears a commit problem on every change', () => {
    const refused = run([{ type: 'mapping', mapping }, { type: 'commitStarted' }, { type: 'commitFailed', problem: { code: 'import.rowsHaveErrors' } }]);
    expect(refused).toMatchObject({ committing: false, commitProblem: { code: 'import.rowsHaveErrors' } });
    expect(run([{ type: 'profile', name: 'ERP' }], refused)).toMatchObject({ profile: 'ERP', mapping: null, commitProblem: undefined });
    expect(run([{ type: 'mapping', mapping }], refused).commitProblem).toBeUndefined();
    expect(run([{ type: 'committed', result: { imported: 2 } }], refused)).toMatchObject({ result: { imported: 2 }, committing: false });
  });

  it('labels column choices with a shortened example value', () => {
    expect(columnOptions(['Nr', 'Kunde'], ['R-1', 'eine sehr lange Kundennummer mit Text']).map((o) => o.label)).toEqual([
      'Nr — R-1',
      'Kunde — eine sehr lange Kundenn…',
    ]);
  });
});
