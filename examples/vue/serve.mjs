// `npm run example:vue`: the Vite-style Vue example, bundled with esbuild and served by the
// same small server as the React example (see ../react/serve.mjs).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serveExample } from '../react/serve.mjs';

export const serveVueExample = (options = {}) => serveExample({ dir: fileURLToPath(new URL('.', import.meta.url)), entry: 'src/main.js', ...options });

if (import.meta.url == pathToFileURL(process.argv[1] ?? '').href) {
  const s = await serveVueExample({ port: Number(process.env.PORT ?? 5174) });
  console.log(`Vue example: ${s.url}/  (events are printed below; Ctrl-C to stop)`);
}
