import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [vue()],
  resolve: {
    alias: [
      { find: '@app/contracts', replacement: `${repoRoot}libs/contracts/src/index.ts` },
      { find: '@app/kpi-core', replacement: `${repoRoot}libs/kpi-core/src/index.ts` },
      { find: /^@\//, replacement: `${webRoot}src/` },
    ],
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: true },
    },
  },
  build: {
    outDir: `${repoRoot}dist/apps/web`,
    emptyOutDir: true,
    // element-plus is one vendor chunk (~580 kB, 183 kB gzipped), fetched once and cached across releases.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Vendor chunks that cache across releases; ECharts (with zrender) loads only with a chart view.
          // A group also takes the dependencies of what it captures, so the groups that others
          // depend on (vue, then element-plus, then zrender) must come first by priority.
          groups: [
            { name: 'vue', test: /node_modules[\\/](vue|@vue|vue-router|pinia|vue-i18n|@intlify|vue-demi)[\\/]/, priority: 50 },
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus|@floating-ui|@popperjs|async-validator|dayjs|lodash-es|lodash-unified|@vueuse|memoize-one|normalize-wheel-es|@ctrl)[\\/]/, priority: 40 },
            { name: 'zrender', test: /node_modules[\\/](zrender|tslib)[\\/]/, priority: 30 },
            { name: 'echarts', test: /node_modules[\\/](echarts|vue-echarts)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
});
