'use client';
// The one client component that starts Sabu: the provider needs the browser, and its
// config holds functions (the signals plugin, the UI loader) that cannot cross from a
// server component. The root layout renders it around the page, so it mounts once and
// stays mounted across client-side navigations.
import { SabuProvider, useSabuPageViews } from '@sabu/react';
import { signals } from '@sabu/sdk/signals';
import { usePathname } from 'next/navigation';

function PageViews() {
  // One page view per route the App Router shows, after it rendered (with its title).
  useSabuPageViews(usePathname());
  return null;
}

export function Providers({ endpoint, writeKey, children }) {
  const config = {
    writeKey,
    endpoint,
    flushInterval: 500,
    // The router counts page views (above), not the SDK's history watcher: each once.
    trackPages: false,
    // The widgets as a chunk of this app's bundle, loaded when something must be shown.
    ui: () => import('@sabu/ui'),
    // Served from public/.
    checklist: '/checklist.json',
    surveys: ['/nps.json'],
    tours: ['/tour.json'], // started from the toolbar (useTour)
    // Feature usage with first_use, friction and web vitals.
    plugins: [signals()],
  };
  return (
    <SabuProvider config={config}>
      <PageViews />
      {children}
    </SabuProvider>
  );
}
