// The example's Vite config, as in a `npm create vite` Vue app, plus the collector's
// stand-in. `npm run example:vue` runs `vite` (the dev server, with hot module
// replacement); `vite build examples/vue` and `vite preview examples/vue` build and serve it.
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { collectorStandIn } from '../collectorStandIn.mjs';

export default defineConfig({
  plugins: [vue(), collectorStandIn()],
  resolve: {
    // One Vue for the app and @sabu/vue, also when a workspace link gives the binding a
    // node_modules of its own (docs/frameworks.md, "Vite").
    dedupe: ['vue'],
  },
  // Its own pre-bundle cache: the React example shares this repository's node_modules.
  cacheDir: '../../node_modules/.vite/example-vue',
  server: { host: '127.0.0.1', port: 5174 },
  preview: { host: '127.0.0.1', port: 4174 },
});
