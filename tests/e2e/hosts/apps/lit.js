// Lit host: the whole app is web components, each control inside a shadow root (two deep
// for the buttons), with a small History API router as Lit apps use (pwa-helpers'
// installRouter does the same). The controls are the ones every host page offers (see
// ../journeys.ts): Sabu has to find them through shadow roots.
import { LitElement, css, html } from 'lit';

const BASE = '/h/lit/';
const NAMES = { '': 'Home', projects: 'Projects', settings: 'Settings' };
const track = (event, properties) => window.sabu.track(event, properties);

class AcmeToolbar extends LitElement {
  static properties = { created: { state: true } };
  static styles = css`button { font: inherit; margin: 0.25rem; padding: 0.4rem 0.8rem; border-radius: 6px; }`;
  render() {
    return html`
      <button id="create-project" type="button" @click=${this.create}>Create project</button>
      <button id="connect" type="button">Connect data source</button>
      <button id="publish" type="button" @click=${() => track('Report Published')}>Publish report</button>
      ${this.created ? html`<p id="project-card">Project created.</p>` : ''}`;
  }
  create() {
    track('Project Created', { tags: ['alpha', 'beta'] });
    this.created = true;
  }
}
customElements.define('acme-toolbar', AcmeToolbar);

class AcmeApp extends LitElement {
  static properties = { route: { state: true } };
  static styles = css`:host { display: block; font-family: system-ui, sans-serif; } nav a { margin-right: 0.5rem; }`;
  constructor() {
    super();
    this.route = location.pathname.slice(BASE.length);
    this._onPop = () => (this.route = location.pathname.slice(BASE.length));
  }
  connectedCallback() {
    super.connectedCallback();
    addEventListener('popstate', this._onPop);
  }
  disconnectedCallback() {
    removeEventListener('popstate', this._onPop);
    super.disconnectedCallback();
  }
  go(e) {
    e.preventDefault();
    const to = e.currentTarget.dataset.route;
    history.pushState({}, '', BASE + to);
    this.route = to;
  }
  render() {
    const name = NAMES[this.route] ?? 'Not found';
    document.title = name + ' · Acme';
    const link = (id, to, label) => html`<a id=${id} href=${BASE + to} data-route=${to} @click=${this.go}>${label}</a>`;
    return html`
      <header><nav aria-label="Main">${link('nav-home', '', 'Home')}${link('nav-projects', 'projects', 'Projects')}${link('nav-settings', 'settings', 'Settings')}</nav></header>
      <main>
        <h1 id="title">${name}</h1>
        <label for="search">Search</label> <input id="search" type="search">
        <acme-toolbar></acme-toolbar>
      </main>`;
  }
}
customElements.define('acme-app', AcmeApp);
