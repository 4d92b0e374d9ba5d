import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { h } from 'preact';
import { richText } from '../../../packages/ui/src/text/RichText';

const html = (text: string) => {
  const el = document.createElement('div');
  render(h('p', null, richText(text)), el);
  return el.firstElementChild!;
};

describe('definition text', () => {
  it('renders **bold** and [links](https://…) as elements', () => {
    const p = html('Read **the guide** at [docs](https://example.com/docs) or [here](/help).');
    expect(p.querySelector('strong')!.textContent).toBe('the guide');
    const links = [...p.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/docs', '/help']);
    expect(links[0]!.rel).toBe('noopener noreferrer');
    expect(p.textContent).toBe('Read the guide at docs or here.');
  });

  it('shows markup and script as text, never as HTML', () => {
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const p = html(hostile);
    expect(p.textContent).toBe(hostile);
    expect(p.querySelector('img, script')).toBeNull();
  });

  it('keeps javascript: links the browser would still run (tab, newline, control character inside) as plain text', () => {
    for (const url of ['java\tscript:alert(1)', 'java\nscript:alert(1)', '\u0001javascript:alert(1)', 'JaVa\rScRiPt:alert(1)']) {
      const p = html(`[click](${url})`);
      expect(p.querySelector('a'), JSON.stringify(url)).toBeNull();
    }
    expect(html('[ok](/docs?x=1)').querySelector('a')!.getAttribute('href')).toBe('/docs?x=1');
  });

  it('keeps javascript: and data: links as plain text', () => {
    const p = html('[click](javascript:alert(1)) [x](data:text/html,hi)');
    expect(p.querySelector('a')).toBeNull();
    expect(p.textContent).toContain('[click](javascript:alert(1))');
  });
});
