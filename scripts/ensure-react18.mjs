// Installs React 18.3 (the oldest React in our peer range) into test/react18 for the second
// vitest project. It lives apart because npm cannot hold react 18 and 19 side by side at the root.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('../test/react18/', import.meta.url))
if (!existsSync(dir + 'node_modules/react-dom/package.json')) {
  execSync('npm ci --no-audit --no-fund --loglevel=error', { cwd: dir, stdio: 'inherit' })
}
