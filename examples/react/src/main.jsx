// A small React 19 + React Router app with Sabu: the provider starts the SDK once (also
// under StrictMode), the router counts page views, hooks track, mark features, and open
// the checklist. Build and serve it with `npm run example:react`.
import { signals } from '@sabu/sdk/signals';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router';
import { SabuProvider, useChecklist, useFeature, useIdentify, useSabuPageViews, useTour, useTrack } from '@sabu/react';

const config = {
  writeKey: 'demo_write_key_local',
  endpoint: '/v1/batch',
  flushInterval: 500,
  // The router counts page views (after each route rendered), not the SDK's history watcher.
  trackPages: false,
  // The widgets and the guidance, served beside app.js (see serve.mjs).
  ui: '/sabu-ui.js',
  checklist: '/checklist.json',
  surveys: ['/nps.json'],
  tours: ['/tour.json'], // started from the nav (useTour)
  // Feature usage with first_use, friction and web vitals (@sabu/sdk/signals).
  plugins: [signals()],
};

function PageViews() {
  useSabuPageViews(useLocation());
  return null;
}

function Home() {
  const track = useTrack();
  const [created, setCreated] = useState(false);
  return (
    <>
      <h1 id="title">Home</h1>
      <button id="create-project" type="button" onClick={() => (track('Project Created'), setCreated(true))}>Create project</button>
      {created && <p id="project-card">Project created.</p>}
    </>
  );
}

function Reports() {
  const track = useTrack();
  const markExport = useFeature('export-csv');
  return (
    <>
      <h1 id="title">Reports</h1>
      <button id="export" type="button" onClick={() => markExport({ format: 'csv' })}>Export CSV</button>{' '}
      <button id="publish" type="button" onClick={() => track('Report Published')}>Publish report</button>
    </>
  );
}

function App() {
  const openChecklist = useChecklist();
  const identify = useIdentify();
  const startTour = useTour('welcome');
  return (
    <>
      <PageViews />
      <nav aria-label="Main">
        <Link id="nav-home" to="/">Home</Link>
        <Link id="nav-reports" to="/reports">Reports</Link>
        <Link id="nav-settings" to="/settings">Settings</Link>
        <button id="getting-started" type="button" onClick={openChecklist}>Getting started</button>{' '}
        <button id="take-tour" type="button" onClick={startTour}>Take the tour</button>{' '}
        <button id="sign-in" type="button" onClick={() => identify('user-7', { plan: 'team' })}>Sign in</button>
      </nav>
      <main>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/reports" element={<Reports />} />
          <Route path="/settings" element={<h1 id="title">Settings</h1>} />
        </Routes>
      </main>
    </>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <SabuProvider config={config}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </SabuProvider>
  </StrictMode>,
);
