import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The ward desk, served by the API at /app from dist/web. `npm run web:dev` serves it here with
 * the API proxied (start the API with `npm run start:dev`).
 */
export default defineConfig({
  root,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // One chunk per route (lazy pages); the framework in its own, cached across pages.
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (/node_modules\/(react|react-dom|scheduler|react-router)\//.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '^/(?!app/|app$|@|src/|node_modules/)': 'http://localhost:3000' },
  },
});
