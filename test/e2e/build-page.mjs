// Builds the delivery test page with Vite from the PACKED library: `npm run build` + `npm pack`, the
// tarball unpacked into a throwaway app whose peers (react, react-dom, @segment/analytics-next) link
// to the repo's, then the page built twice: production, and development (development React, so
// StrictMode's double effects are real). Prints the output directories as JSON.
//   node test/e2e/build-page.mjs [outDir]      (default .tmp/e2e)
// Run as its own process because Vite and the JSX transform read NODE_ENV, which vitest sets to 'test'.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const work = process.argv[2] ?? join(root, '.tmp/e2e')
/** @param {string} command @param {string[]} args */
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' })

rmSync(work, { recursive: true, force: true })
mkdirSync(work, { recursive: true })
// The package's own build and pack: the tarball holds exactly what `npm publish` would.
run('npm', ['run', 'build', '--silent'])
const [{ filename }] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--loglevel=error', '--pack-destination', work]))
const tarball = join(work, filename)

const app = join(work, 'app')
const installed = join(app, 'node_modules/react-copilot-analytics')
mkdirSync(installed, { recursive: true })
run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'])
for (const peer of ['react', 'react-dom', '@segment/analytics-next']) {
  mkdirSync(join(app, 'node_modules', peer, '..'), { recursive: true })
  symlinkSync(join(root, 'node_modules', peer), join(app, 'node_modules', peer), 'dir')
}
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'e2e-app', private: true, type: 'module' }))
cpSync(fileURLToPath(new URL('./page/', import.meta.url)), app, { recursive: true })

const { build } = await import('vite')
const { default: react } = await import('@vitejs/plugin-react')
const out = { production: join(work, 'dist-production'), development: join(work, 'dist-development'), tarball }
for (const mode of /** @type {const} */ (['production', 'development'])) {
  process.env.NODE_ENV = mode
  await build({
    root: app,
    configFile: false,
    envDir: false,
    mode,
    logLevel: 'error',
    plugins: [react()],
    build: { outDir: out[mode], emptyOutDir: true, minify: mode === 'production' },
  })
  if (!existsSync(join(out[mode], 'index.html'))) throw new Error(`the ${mode} test page did not build`)
}
console.log(JSON.stringify(out))
