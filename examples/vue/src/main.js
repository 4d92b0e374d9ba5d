// A small Vue 3 + Vue Router app with Sabu, built with Vite: the plugin starts the SDK once,
// the router counts page views, composables track, mark features and open the checklist
// (the single-file components beside this file). `npm run example:vue`.
import { signals } from '@sabu/sdk/signals';
import { createApp } from 'vue';
import { sabu, useSabuPageViews } from '@sabu/vue';
import App from './App.vue';
import { router } from './router.js';

const app = createApp(App).use(sabu, {
  writeKey: 'demo_write_key_local',
  // Answered by the dev server (collectorStandIn in vite.config.js); a real app's collector URL.
  endpoint: '/v1/batch',
  flushInterval: 500,
  // The router counts page views (useSabuPageViews below), not the SDK's history watcher.
  trackPages: false,
  // The widgets as a chunk of this app's bundle, loaded when something must be shown.
  ui: () => import('@sabu/ui'),
  // Served from public/.
  checklist: '/checklist.json',
  surveys: ['/nps.json'],
  tours: ['/tour.json'], // started from the nav (useTour)
  // Feature usage with first_use, friction and web vitals (@sabu/sdk/signals).
  plugins: [signals()],
});
useSabuPageViews(router); // before the router's first navigation, so the landing page counts
app.use(router).mount('#app');
