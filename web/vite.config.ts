// The web app: built into web/dist and served by the API under /app/ (same origin as the API).
// `npm run web:dev` serves it with hot reload and proxies the API's paths to API_URL.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';
// Every path that is not the app itself belongs to the API.
const proxy = { '^/(?!app(/|$)|@|src/|node_modules/).*': { target: api, changeOrigin: false } };

export default defineConfig(({ command, mode }) => {
  // A build is React's production build (and production JSX) even when started from a process
  // whose NODE_ENV says otherwise, such as a test run (NODE_ENV=test).
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production';
  return {
    root,
    base: '/app/',
    plugins: [react()],
    build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
    server: { proxy },
  };
});
