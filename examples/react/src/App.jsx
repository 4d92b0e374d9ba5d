// The app's components, in a module of their own so that Fast Refresh swaps them in place
// (a module that only exports components): editing this file keeps React's state and does
// not start Sabu again, while the provider in main.jsx stays mounted.
import { useState } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router';
import { useChecklist, useFeature, useIdentify, useSabuPageViews, useTour, useTrack } from '@sabu/react';

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

export function App() {
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
