import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { writeFileSync } from 'node:fs'
const r = await build({ stdin: { contents: "export { CopilotAnalyticsProvider, TrackedMessage, useFeedback } from './src/entries/index.ts'", resolveDir: process.cwd(), loader: 'ts' }, bundle: true, minify: true, format: 'esm', write: false, external: ['react','react-dom','react/jsx-runtime','@segment/analytics-next'], define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'silent' })
const c = r.outputFiles[0].contents
writeFileSync('/tmp/sig_bundle.js', c)
console.log(gzipSync(c, { level: 9 }).length, c.length)
