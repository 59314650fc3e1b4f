import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * The console is served by the service at `/` (same origin as the API). `npm run dev` serves it
 * with hot reload and sends /api to a service running on :3000.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Source maps are not shipped; the bundle-size check counts the JavaScript a browser loads.
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
