import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
const r = await build({ stdin: { contents: "export { CopilotAnalyticsProvider, TrackedMessage, useFeedback } from './src/index.ts'", resolveDir: '/work/main', loader: 'ts' }, bundle: true, minify: true, format: 'esm', write: false, metafile: true, external: ['react','react-dom','react/jsx-runtime'], define: { 'process.env.NODE_ENV': '"production"' } })
for (const [k, v] of Object.entries(r.metafile.outputs)) for (const [f, i] of Object.entries(v.inputs)) console.log(i.bytesInOutput, f)
console.log('total min', r.outputFiles[0].contents.length, 'gz', gzipSync(r.outputFiles[0].contents,{level:9}).length)
