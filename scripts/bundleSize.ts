// Minified + gzipped size of an import, with the peers external: the figure a user's bundle pays.
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'

export const PEERS = ['react', 'react-dom', 'react/jsx-runtime', '@segment/analytics-next']

export async function gzippedSize(contents: string, resolveDir: string, external: string[] = PEERS): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  })
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length
}
