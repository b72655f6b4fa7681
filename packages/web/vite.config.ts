import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The built files go to dist/, which `immunotrial serve` serves at /. In development, `vite` proxies
// /api to a server started with `immunotrial serve --port 3000`.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
