// Vue 3 + Vue Router 4 host with a hash router (/h/vue/#/projects), written with render
// functions (no template compiler in the page). The controls are the ones every host page
// offers (see ../journeys.ts).
import { createApp, h, ref } from 'vue';
import { createRouter, createWebHashHistory, RouterLink, RouterView } from 'vue-router';

const track = (event, properties) => window.sabu.track(event, properties);
const page = (name) => ({ name, render: () => h('h1', { id: 'title' }, name) });

const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', component: page('Home') },
    { path: '/projects', component: page('Projects') },
    { path: '/settings', component: page('Settings') },
  ],
});
router.afterEach((to) => (document.title = String(to.path) + ' · Acme'));

const created = ref(false);
const App = {
  render: () => [
    h('header', h('nav', { 'aria-label': 'Main' }, [
      h(RouterLink, { to: '/', id: 'nav-home' }, () => 'Home'), ' · ',
      h(RouterLink, { to: '/projects', id: 'nav-projects' }, () => 'Projects'), ' · ',
      h(RouterLink, { to: '/settings', id: 'nav-settings' }, () => 'Settings'),
    ])),
    h('main', [
      h(RouterView),
      h('label', { for: 'search' }, 'Search'), ' ', h('input', { id: 'search', type: 'search' }),
      h('div', [
        h('button', { id: 'create-project', type: 'button', onClick: () => (track('Project Created', { tags: ['alpha', 'beta'] }), (created.value = true)) }, 'Create project'),
        h('button', { id: 'connect', type: 'button' }, 'Connect data source'),
        h('button', { id: 'publish', type: 'button', onClick: () => track('Report Published') }, 'Publish report'),
      ]),
      created.value ? h('p', { id: 'project-card' }, 'Project created.') : null,
    ]),
  ],
};

createApp(App).use(router).mount('#app');
