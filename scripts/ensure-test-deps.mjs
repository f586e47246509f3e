// Installs the nested test packages on first use (and again when their package.json changes), each
// for vitest projects of its own, because npm cannot hold two majors of a package side by side at
// the root: test/react18 (React 18.3, the oldest in our peer range) and test/ai-sdk5, test/ai-sdk7
// (the AI SDK majors around the root's ai 6; their .npmrc leaves React and zod to the root).
import { execSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'))

for (const name of ['react18', 'ai-sdk5', 'ai-sdk7']) {
  const dir = fileURLToPath(new URL(`../test/${name}/`, import.meta.url))
  const wanted = Object.entries(readJson(dir + 'package.json').dependencies)
  const installed = wanted.every(([dep, version]) => {
    const path = `${dir}node_modules/${dep}/package.json`
    return existsSync(path) && readJson(path).version === version
  })
  // ai 7 declares Node >= 22; only its browser code runs in the tests, so no engine check.
  if (!installed) execSync('npm ci --no-audit --no-fund --loglevel=error --engine-strict=false', { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] })
}
