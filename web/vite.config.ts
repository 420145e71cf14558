// Vite builds the web client into web/dist, which the server serves under a strict CSP
// (no inline script or style, nothing from another origin). In development, /api goes to the server.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompressDirectory } from './precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/** After each build, a brotli and a gzip copy of every text file of the build (see precompress.ts). */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'abri-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressDirectory(outDir);
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Keep every asset a file: a data: URL for a script or a font would not pass the CSP.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false, ws: true },
    },
  },
  preview: {
    port: 4173,
  },
});
