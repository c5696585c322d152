import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In development the API runs as its own process. Server-side fetches are rewritten by
// handleFetch (src/hooks.server.ts); this proxy covers what the browser asks for directly
// (the CSV download, and later the live WebSocket).
const apiOrigin = process.env.API_ORIGIN ?? 'http://127.0.0.1:3001';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/api': { target: apiOrigin, changeOrigin: false, ws: true },
    },
  },
});
