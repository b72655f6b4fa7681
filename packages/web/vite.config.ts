import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Vendor libraries that every screen shares get their own chunks: they change less often than the app, so
// browsers keep them cached across releases. visx and d3 stay out of the first page (only the dashboard and
// statistics draw charts). Mantine is left to the bundler's per-import splitting on purpose: one Mantine chunk
// would make the sign-in page download every component of every screen (601 kB instead of 445 kB, docs/web.md).
const VENDOR_GROUPS = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
  { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 20 },
  { name: 'charts', test: /node_modules[\\/](@visx|d3-|internmap)/, priority: 10 },
];

// The built files go to dist/, which `immunotrial serve` serves at /. In development, `vite` proxies
// /api to a server started with `immunotrial serve --port 3000`. Screens are loaded on demand
// (src/AppRoutes.tsx); the warning limit is Vite's default of 500 kB, which no chunk reaches.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 500,
    rolldownOptions: { output: { codeSplitting: { groups: VENDOR_GROUPS } } },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
