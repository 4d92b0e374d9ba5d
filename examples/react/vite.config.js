// The example's Vite config, as in a `npm create vite` React app, plus the collector's
// stand-in. `npm run example:react` runs `vite` (the dev server, with Fast Refresh);
// `vite build examples/react` and `vite preview examples/react` build and serve it.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { collectorStandIn } from '../collectorStandIn.mjs';

export default defineConfig({
  plugins: [react(), collectorStandIn()],
  resolve: {
    // One React for the app and @sabu/react, also when a workspace link gives the binding
    // a node_modules of its own (docs/frameworks.md, "Vite").
    dedupe: ['react', 'react-dom'],
  },
  // Its own pre-bundle cache: the Vue example shares this repository's node_modules.
  cacheDir: '../../node_modules/.vite/example-react',
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
