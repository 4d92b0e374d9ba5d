// A small React 19 + React Router app with Sabu, built with Vite: the provider starts the
// SDK once (also under StrictMode and after Fast Refresh), the router counts page views,
// hooks track, mark features and open the checklist (src/App.jsx). `npm run example:react`.
import { signals } from '@sabu/sdk/signals';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { SabuProvider } from '@sabu/react';
import { App } from './App.jsx';

const config = {
  writeKey: 'demo_write_key_local',
  // Answered by the dev server (collectorStandIn in vite.config.js); a real app's collector URL.
  endpoint: '/v1/batch',
  flushInterval: 500,
  // The router counts page views (after each route rendered), not the SDK's history watcher.
  trackPages: false,
  // The widgets as a chunk of this app's bundle, loaded when something must be shown.
  ui: () => import('@sabu/ui'),
  // Served from public/.
  checklist: '/checklist.json',
  surveys: ['/nps.json'],
  tours: ['/tour.json'], // started from the nav (useTour)
  // Feature usage with first_use, friction and web vitals (@sabu/sdk/signals).
  plugins: [signals()],
};

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <SabuProvider config={config}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </SabuProvider>
  </StrictMode>,
);
