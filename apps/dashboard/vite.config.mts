import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm run dev:dashboard` sends the API's paths: the server `npm start` runs. */
const api = process.env.MAILROOM_API_URL ?? 'http://localhost:3000';
const serverPaths = ['/v1', '/t', '/u', '/docs', '/docs-json', '/health', '/metrics'];

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: { alias: { '@': `${import.meta.dirname}/src` } },
  build: {
    outDir: `${import.meta.dirname}/../../dist/dashboard`,
    emptyOutDir: true,
    // The size budget is for what the first page loads; routes arrive as their own chunks.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    // The API answers cookie-authenticated changes only from its own origin (or DASHBOARD_ORIGINS):
    // rewriting Origin keeps the dev server usable without configuring it.
    proxy: Object.fromEntries(serverPaths.map((path) => [path, { target: api, changeOrigin: true, headers: { Origin: api } }])),
  },
});
