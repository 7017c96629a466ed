import { defineConfig } from 'vite';

// In development Vite serves the viewer and passes the API's routes on to it (`npm run dev` runs the API).
const apiOrigin = process.env.VIEWER_API_ORIGIN ?? 'http://127.0.0.1:3000';

export default defineConfig({
  // The API serves the built viewer at /ar/<content unique id> and its bundles at /ar/assets/.
  base: '/ar/',
  build: {
    // MindAR with TensorFlow.js is one large lazily loaded chunk; its size is known and accepted.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: {
      '/trpc': apiOrigin,
      '/api': apiOrigin,
      '/media': apiOrigin,
    },
  },
});
