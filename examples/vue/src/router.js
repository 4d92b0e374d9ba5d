import { createRouter, createWebHistory } from 'vue-router';
import HomePage from './pages/HomePage.vue';
import ReportsPage from './pages/ReportsPage.vue';
import SettingsPage from './pages/SettingsPage.vue';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: HomePage },
    { path: '/reports', component: ReportsPage },
    { path: '/settings', component: SettingsPage },
  ],
});
// Registered before useSabuPageViews(router) in main.js: each page view carries the new title.
router.afterEach((to) => void (document.title = `${to.path.slice(1) || 'home'} · Acme`));
