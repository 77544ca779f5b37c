import { describe, expect, it } from 'vitest';
import { parseEventStream } from './event-stream';

describe('the event stream reader', () => {
  it('splits whole events off and keeps the unfinished rest for the next chunk', () => {
    const first = parseEventStream(': connected\n\nevent: progress\ndata: {"done":1}\n\nevent: progress\ndata: {"do');
    expect(first.events).toEqual([{ event: 'progress', data: '{"done":1}' }]);
    const second = parseEventStream(`${first.rest}ne":2}\n\n`);
    expect(second).toEqual({ events: [{ event: 'progress', data: '{"done":2}' }], rest: '' });
  });

  it('reads CRLF line ends, joins data lines and skips comments and events without data', () => {
    const parsed = parseEventStream('event: a\r\ndata: one\r\ndata: two\r\n\r\n: ping\n\nevent: empty\n\ndata:plain\n\n');
    expect(parsed.events).toEqual([
      { event: 'a', data: 'one\ntwo' },
      { event: 'message', data: 'plain' },
    ]);
  });
});
