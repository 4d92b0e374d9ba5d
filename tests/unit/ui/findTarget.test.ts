import { beforeEach, describe, expect, it } from 'vitest';
import { findTarget } from '../../../packages/ui/src/checklist/findTarget';

/** `<tag>` with an open shadow root holding `html`. */
function component(tag: string, html: string, parent: Element | ShadowRoot = document.body) {
  const el = document.createElement(tag);
  el.attachShadow({ mode: 'open' }).innerHTML = html;
  parent.append(el);
  return el;
}

beforeEach(() => {
  document.body.innerHTML = '<p id="light">light</p>';
});

describe('findTarget', () => {
  it('finds an element of the page', () => {
    expect(findTarget('#light')!.textContent).toBe('light');
  });

  it("finds one inside web components' open shadow roots, nested too", () => {
    const app = component('acme-app', '<nav><a id="nav">Nav</a></nav>');
    component('acme-toolbar', '<button id="create">Create</button>', app.shadowRoot!);
    expect(findTarget('#create')!.textContent).toBe('Create');
    expect(findTarget('#nav')!.textContent).toBe('Nav');
  });

  it('prefers the page over shadow roots, and skips Sabu\'s own widget host', () => {
    component('acme-card', '<button class="go">in shadow</button>');
    document.body.insertAdjacentHTML('beforeend', '<button class="go">in page</button>');
    expect(findTarget('.go')!.textContent).toBe('in page');
    component('sabu-ui', '<button id="only-in-sabu">x</button>');
    expect(findTarget('#only-in-sabu')).toBeNull();
  });

  it('returns null for no match and for an invalid selector', () => {
    expect(findTarget('#nothing')).toBeNull();
    expect(findTarget('##bad[')).toBeNull();
  });
});
