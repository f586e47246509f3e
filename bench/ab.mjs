// `node bench/ab.mjs <git-ref> [rounds]`: the tracked mount of this checkout against another commit's, in
// one Chromium (production React 19), two pages alternated block by block: the only fair comparison
// on a shared machine. Builds the ref's package from `git archive` into bench/.tmp/ab-<ref>
// (node_modules linked), then times, per page, a 1,000-message mount: the commit (flushSync and
// its microtasks: what delays the paint) and the whole (the same, then whatever the provider left
// for after the paint, run at once with flushTracking where the package has it).
import { execFileSync, execSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { median } from './stats.mjs'

const here = (path) => fileURLToPath(new URL(path, import.meta.url))
const root = here('../')
const ref = process.argv[2] ?? 'main'
const blocks = Number(process.argv[3] ?? 12)
const tmp = here('./.tmp/')
const vite = (cwd, outDir) =>
  execFileSync(process.execPath, [root + 'node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd, stdio: 'inherit' })

const other = `${tmp}ab-${ref.replace(/\W/g, '_')}/`
rmSync(other, { recursive: true, force: true })
mkdirSync(other, { recursive: true })
execSync(`git archive ${ref} | tar -x -C ${other}`, { cwd: root })
symlinkSync(root + 'node_modules', other + 'node_modules')
vite(other, other + 'dist')
vite(root, tmp + 'ab-this/dist')

const page = (dist) => `
import { createElement as h } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { CopilotAnalyticsProvider, TrackedMessage } from '${dist}/index.js'
import * as testing from '${dist}/testing.js'
let sent = 0, conversation = 0
const client = { track: () => void sent++, identify() {} }
const list = Array.from({ length: 1000 }, (_, i) => ({ id: 'm' + i, role: i % 2 ? 'assistant' : 'user', text: i + ': Here is what I found about your order: it shipped yesterday.' }))
window.mountOnce = async () => {
  const container = document.body.appendChild(document.createElement('div'))
  const root = createRoot(container)
  globalThis.gc?.()
  sent = 0
  const start = performance.now()
  flushSync(() => root.render(h(CopilotAnalyticsProvider, { analytics: client, conversationId: 'c' + ++conversation }, list.map((m) => h(TrackedMessage, { key: m.id, id: m.id, role: m.role, body: m.text })))))
  await Promise.resolve()
  const commit = performance.now() - start
  testing.flushTracking?.()
  const whole = performance.now() - start
  if (sent !== 1001) throw new Error(sent + ' events')
  root.unmount()
  container.remove()
  return { commit, whole }
}`
const bundle = async (name, dist) => {
  const entry = `${tmp}ab-${name}.jsx`
  writeFileSync(entry, page(dist))
  const out = await build({ entryPoints: [entry], bundle: true, format: 'iife', write: false, logLevel: 'error', define: { 'process.env.NODE_ENV': '"production"' }, nodePaths: [root + 'node_modules'] })
  return out.outputFiles[0].text
}
const scripts = { [ref]: await bundle('ref', other + 'dist'), this: await bundle('this', tmp + 'ab-this/dist') }

const { chromium } = await import(pathToFileURL(here('./peers/node_modules/playwright-core/index.mjs')).href)
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--js-flags=--expose-gc'] })
try {
  const pages = {}
  for (const [name, script] of Object.entries(scripts)) {
    const p = await (await browser.newContext()).newPage()
    await p.route('https://bench.invalid/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><body></body>' }))
    await p.goto('https://bench.invalid/')
    await p.addScriptTag({ content: script })
    for (let i = 0; i < 5; i++) await p.evaluate(() => window.mountOnce()) // warm-up
    pages[name] = p
  }
  const runs = { [ref]: [], this: [] }
  for (let b = 0; b < blocks; b++)
    for (const name of b % 2 ? ['this', ref] : [ref, 'this'])
      for (let i = 0; i < 5; i++) runs[name].push(await pages[name].evaluate(() => window.mountOnce()))
  const m = (name, key) => median(runs[name].map((r) => r[key]))
  const ratios = (key) => runs.this.map((r, i) => r[key] / runs[ref][i][key])
  const line = (key) => `${key}: ${ref} ${m(ref, key).toFixed(2)} ms, this ${m('this', key).toFixed(2)} ms, this / ${ref} ${median(ratios(key)).toFixed(2)} [${Math.min(...ratios(key)).toFixed(2)}-${Math.max(...ratios(key)).toFixed(2)}]`
  console.log(`1,000-message tracked mount, production React 19, ${blocks} blocks of 5 rounds per page, medians:`)
  console.log(line('commit'))
  console.log(line('whole'))
} finally {
  await browser.close()
}
