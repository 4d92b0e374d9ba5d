// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatGettingStarted, formatSnippet, publicUrl } from '../../../../packages/collector/src/cli/snippet.js';
import { formatTailLine } from '../../../../packages/collector/src/cli/formatTailLine.js';

describe('the snippet', () => {
  it('loads the SDK from the collector and sends back to it', () => {
    const s = formatSnippet({ collectorUrl: 'https://sabu.example.com/', writeKey: 'wk_abc' });
    expect(s).toContain('<script async src="https://sabu.example.com/sdk/sabu.min.js" data-write-key="wk_abc" data-endpoint="https://sabu.example.com/v1/batch"></script>');
    expect(s.indexOf('q.push')).toBeLessThan(s.indexOf('sabu.min.js'));
  });

  it('cannot be broken out of by a key or URL', () => {
    expect(formatSnippet({ collectorUrl: 'http://h', writeKey: 'wk_"><img src=x>' })).toContain('data-write-key="wk_&quot;>&lt;img src=x>"');
  });

  it('replaces a listen-on-all address with one a browser can use, and says so', () => {
    expect(publicUrl('http://0.0.0.0:4318')).toEqual({ url: 'http://127.0.0.1:4318', note: expect.stringContaining("this machine's name") });
    expect(publicUrl('http://[::]:4318').url).toBe('http://127.0.0.1:4318');
    expect(publicUrl('http://127.0.0.1:4318')).toEqual({ url: 'http://127.0.0.1:4318' });
    expect(formatGettingStarted({ collectorUrl: 'http://0.0.0.0:9', writeKey: 'wk', projectId: 'p' })).toContain('src="http://127.0.0.1:9/sdk/sabu.min.js"');
  });

  it('says which pages may send, or that none may yet', () => {
    expect(formatGettingStarted({ collectorUrl: 'http://h:1', writeKey: 'wk', projectId: 'p', origins: ['http://localhost:3000'] })).toContain('Pages allowed to send: http://localhost:3000');
    expect(formatGettingStarted({ collectorUrl: 'http://h:1', writeKey: 'wk', projectId: 'p', origins: [] })).toContain('No page may send yet');
  });

  it('links the dashboard with the read key only when given one', () => {
    expect(formatGettingStarted({ collectorUrl: 'http://h:1', writeKey: 'wk', readKey: 'rk_1', projectId: 'p' })).toContain('http://h:1/dashboard/?key=rk_1');
    const noKey = formatGettingStarted({ collectorUrl: 'http://h:1', writeKey: 'wk', projectId: 'p' });
    expect(noKey).toContain('http://h:1/dashboard/');
    expect(noKey).not.toContain('?key=');
  });
});

describe('a sabu tail line', () => {
  const base = { messageId: 'm', receivedAt: new Date(2026, 0, 2, 3, 4, 5, 6).toISOString(), timestamp: '2026-01-02T03:04:05.000Z', anonymousId: 'anon-1234567890', userId: null, page: null, properties: null };

  it('shows time, event, person, page and compact properties', () => {
    const line = formatTailLine({ ...base, type: 'track', event: 'Report Created', userId: 'user-42', page: '/app/reports', properties: { rows: 120 } });
    expect(line).toMatch(/^03:04:05\.006  Report Created\s+user-42\s+\/app\/reports\s+\{"rows":120\}$/);
  });

  it('names non-track calls and anonymous people, and leaves out empty properties', () => {
    expect(formatTailLine({ ...base, type: 'identify', event: null })).toMatch(/^03:04:05\.006  \(identify\)\s+anon:anon-123\s+-$/);
    expect(formatTailLine({ ...base, type: 'page', event: 'Pricing', properties: {} })).toContain('(page Pricing)');
  });

  it('keeps one event on one line: long properties are cut, control characters replaced', () => {
    const line = formatTailLine({ ...base, type: 'track', event: 'Evil\n\u001b[31mred', properties: { s: 'x'.repeat(500) } });
    expect(line).not.toMatch(/[\n\u001b]/);
    expect(line.length).toBeLessThan(220);
    expect(line.endsWith('…')).toBe(true);
  });
});
