import { beforeEach, describe, expect, it } from 'vitest';
import { pathOf, selectorOf, textOf } from '../../../../packages/sdk/src/signals/describeElement';

const $ = (sel: string, root: ParentNode = document) => root.querySelector(sel)!;

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('selectorOf', () => {
  it('prefers an id, then data-testid, data-sabu-feature and aria-label', () => {
    document.body.innerHTML = `<main><div id="toolbar"><button class="btn primary">A</button></div>
      <button data-testid="save">S</button><button data-sabu-feature="export-csv">E</button><button aria-label="Close">x</button></main>`;
    expect(selectorOf($('.btn'))).toBe('#toolbar > button.btn.primary');
    expect(selectorOf($('[data-testid]'))).toBe('button[data-testid="save"]');
    expect(selectorOf($('[data-sabu-feature]'))).toBe('button[data-sabu-feature="export-csv"]');
    expect(selectorOf($('[aria-label]'))).toBe('button[aria-label="Close"]');
  });
  it('skips generated ids and classes, and tells same-tag siblings apart', () => {
    document.body.innerHTML = `<ul id="r12345"><li class="css-1x2y3z item">a</li><li class="item">b</li></ul>`;
    expect(selectorOf($('li:nth-child(2)'))).toBe('ul > li.item:nth-of-type(2)');
  });
  it('stays short: at most five levels', () => {
    document.body.innerHTML = '<div><div><div><div><div><div><span>deep</span></div></div></div></div></div></div>';
    expect(selectorOf($('span')).split(' > ')).toHaveLength(5);
  });
  it('crosses open shadow roots, marking the boundary with >>>', () => {
    document.body.innerHTML = '<my-widget id="w"></my-widget>';
    const root = $('#w').attachShadow({ mode: 'open' });
    root.innerHTML = '<div><button class="go">Go</button></div>';
    expect(selectorOf($('.go', root))).toBe('#w >>> div > button.go');
  });
});

describe('textOf', () => {
  it('collapses whitespace and truncates to 100 characters', () => {
    document.body.innerHTML = `<button>  Save
      changes  </button><p>${'a'.repeat(150)}</p>`;
    expect(textOf($('button'))).toBe('Save changes');
    expect(textOf($('p'))).toHaveLength(100);
  });
  it('never cuts a character in half: an emoji across the 100th unit is left out whole', () => {
    const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    document.body.innerHTML = `<button>${'a'.repeat(99)}😀 more</button><a aria-label="${'b'.repeat(99)}😀">x</a>`;
    expect(textOf($('button'))).toBe('a'.repeat(99));
    expect(lone.test(selectorOf($('a')))).toBe(false);
    document.body.innerHTML = `<p>${'a'.repeat(98)}😀 more</p>`;
    expect(textOf($('p'))).toBe('a'.repeat(98) + '😀');
  });
  it('never reads an input value, and masks inputs and data-sabu-mask inside the element', () => {
    document.body.innerHTML = `<label>Card <input value="4242 4242"></label><div>Hi <span data-sabu-mask>Alice Smith</span>!</div>
      <div data-sabu-mask><button>Pay Alice</button></div><textarea>secret draft</textarea>`;
    expect(textOf($('input'))).toBe('');
    expect(textOf($('textarea'))).toBe('');
    expect(textOf($('label'))).toBe('Card ***');
    expect(textOf($('div'))).toBe('Hi *** !');
    expect(textOf($('button'))).toBe('***');
    expect(document.body.innerHTML).toContain('Alice');
  });
  it('prefers the aria-label of an icon button', () => {
    document.body.innerHTML = '<button aria-label="Delete row"><svg><text>x</text></svg></button>';
    expect(textOf($('button'))).toBe('Delete row');
  });
});

describe('pathOf', () => {
  it('gives the real target inside an open shadow root, not its host', () => {
    document.body.innerHTML = '<x-card></x-card>';
    const root = $('x-card').attachShadow({ mode: 'open' });
    root.innerHTML = '<button id="inner">In</button>';
    let path: Element[] = [];
    document.addEventListener('click', (e) => (path = pathOf(e)), { once: true });
    ($('#inner', root) as HTMLElement).click();
    expect(path[0]!.id).toBe('inner');
    expect(path.map((n) => n.localName)).toContain('x-card');
  });
});
