import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm dev`: Vite with hot reload; the API calls go to the dev server (`pnpm dev` at the root,
// port 3000). The Host header is kept (no changeOrigin), so the server's Origin check sees the
// page's own origin.
const api = process.env.PARLEY_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: Object.fromEntries(['/trpc', '/api', '/docs', '/healthz'].map((path) => [path, { target: api }])),
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
});
