// A small Vue 3 + Vue Router app with Sabu: the plugin starts the SDK once, the router
// counts page views, composables track, mark features and open the checklist. Render
// functions keep it free of a template compiler. `npm run example:vue`.
import { signals } from '@sabu/sdk/signals';
import { createApp, defineComponent, h, ref } from 'vue';
import { RouterLink, RouterView, createRouter, createWebHistory } from 'vue-router';
import { sabu, useChecklist, useFeature, useIdentify, useSabuPageViews, useTour, useTrack } from '@sabu/vue';

const Home = defineComponent(() => {
  const track = useTrack();
  const created = ref(false);
  const create = () => (track('Project Created'), (created.value = true));
  return () => [
    h('h1', { id: 'title' }, 'Home'),
    h('button', { id: 'create-project', type: 'button', onClick: create }, 'Create project'),
    created.value && h('p', { id: 'project-card' }, 'Project created.'),
  ];
});

const Reports = defineComponent(() => {
  const track = useTrack();
  const markExport = useFeature('export-csv');
  return () => [
    h('h1', { id: 'title' }, 'Reports'),
    h('button', { id: 'export', type: 'button', onClick: () => markExport({ format: 'csv' }) }, 'Export CSV'),
    ' ',
    h('button', { id: 'publish', type: 'button', onClick: () => track('Report Published') }, 'Publish report'),
  ];
});

// A route's component must be a component object: a bare function is taken for a lazy import.
const Settings = defineComponent(() => () => h('h1', { id: 'title' }, 'Settings'));

const App = defineComponent(() => {
  const openChecklist = useChecklist();
  const identify = useIdentify();
  const startTour = useTour('welcome');
  return () => [
    h('nav', { 'aria-label': 'Main' }, [
      h(RouterLink, { id: 'nav-home', to: '/' }, () => 'Home'),
      h(RouterLink, { id: 'nav-reports', to: '/reports' }, () => 'Reports'),
      h(RouterLink, { id: 'nav-settings', to: '/settings' }, () => 'Settings'),
      h('button', { id: 'getting-started', type: 'button', onClick: openChecklist }, 'Getting started'),
      ' ',
      h('button', { id: 'take-tour', type: 'button', onClick: () => startTour() }, 'Take the tour'),
      ' ',
      h('button', { id: 'sign-in', type: 'button', onClick: () => identify('user-7', { plan: 'team' }) }, 'Sign in'),
    ]),
    h('main', h(RouterView)),
  ];
});

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: Home },
    { path: '/reports', component: Reports },
    { path: '/settings', component: Settings },
  ],
});
router.afterEach((to) => void (document.title = `${String(to.path.slice(1) || 'home')} · Acme`));

const app = createApp(App).use(sabu, {
  writeKey: 'demo_write_key_local',
  endpoint: '/v1/batch',
  flushInterval: 500,
  // The router counts page views (useSabuPageViews below), not the SDK's history watcher.
  trackPages: false,
  // The widgets and the guidance, served beside app.js (see ../react/serve.mjs).
  ui: '/sabu-ui.js',
  checklist: '/checklist.json',
  surveys: ['/nps.json'],
  tours: ['/tour.json'], // started from the nav (useTour)
  // Feature usage with first_use, friction and web vitals (@sabu/sdk/signals).
  plugins: [signals()],
});
useSabuPageViews(router); // before the router's first navigation, so the landing page counts
app.use(router).mount('#app');
