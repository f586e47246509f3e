// Key-store persistence micro-benchmark: this checkout's src/core/keyStore.ts against the one at a git
// revision (default: the commit before the journal), in the same process, interleaved round by round.
// `node bench/keyStore.mjs [rev]`. Node with a Map-backed Storage and jsdom's sessionStorage; Chromium's
// real sessionStorage when bench/peers is installed (`npm run bench` installs it). Not part of `npm test`.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { interleave } from './stats.mjs'

const root = fileURLToPath(new URL('../', import.meta.url))
const rev = process.argv[2] || 'c628a04'
const bundle = async (contents) =>
  (await build({ stdin: { contents, loader: 'ts', resolveDir: root }, bundle: true, format: 'iife', globalName: 'ks', write: false, logLevel: 'error' }))
    .outputFiles[0].text
const sources = {
  before: await bundle(execFileSync('git', ['show', `${rev}:src/core/keyStore.ts`], { cwd: root, encoding: 'utf8' })),
  after: await bundle("export * from './src/core/keyStore.ts'"),
}

// Runs where `ks` factories are in scope (Node or the page): a store at its 2,000-key bound, then
// (tick) 500 ticks of one message each (its key + the conversation's state, as tracker.message() writes),
// or (mount) 1,000 new messages in one tick (each message: its key + the state); µs per tick, each run on a fresh store over a fresh key.
async function scenarios({ stores, storage, rounds }) {
  let run = 0
  const state = (n) => ({ isStarted: true, messageCount: n, startedAt: 1763700000000, lastMessageAt: 1763700000000 + n })
  const fill = async (create) => {
    const key = 'bench:' + ++run
    const store = create({ storage, storageKey: key })
    for (let i = 0; i < 2000; i++) store.set('m:c' + (i >> 4) + ':msg_' + i.toString(36), 1)
    await null
    return { store, key }
  }
  const check = (create, key, store) => {
    // What a reload would restore: exactly the keys memory holds.
    const reloaded = create({ storage, storageKey: key })
    if (reloaded.size !== store.size) throw new Error(`reload restored ${reloaded.size} keys, memory has ${store.size}`)
    storage.removeItem(key)
    storage.removeItem(key + ':j')
  }
  const tick = async (subject) => {
    const create = stores[subject]
    const { store, key } = await fill(create)
    const start = performance.now()
    for (let i = 0; i < 500; i++) {
      store.set('m:tick' + run + ':msg_' + i, 1)
      store.set('c:tick' + run, state(i))
      await null
    }
    const us = ((performance.now() - start) * 1000) / 500
    check(create, key, store)
    return us
  }
  const mount = async (subject) => {
    const create = stores[subject]
    const { store, key } = await fill(create)
    const start = performance.now()
    // Five mounts, so that a sample spans several ms (Chromium's clock has a 100 µs grain).
    for (let m = 0; m < 5; m++) {
      for (let i = 0; i < 1000; i++) {
        store.set('m:mount' + run + '-' + m + ':msg_' + i, 1)
        store.set('c:mount' + run + '-' + m, state(i))
      }
      await null
    }
    const us = ((performance.now() - start) * 1000) / 5
    check(create, key, store)
    return us
  }
  const subjects = ['before', 'after']
  return {
    tick: await interleave(subjects, tick, { warmup: 2, rounds }),
    mount: await interleave(subjects, mount, { warmup: 3, rounds: rounds * 2 }),
  }
}

const load = (source) => new Function(source + '; return ks')()
const stores = { before: load(sources.before).createKeyStore, after: load(sources.after).createKeyStore }
const report = (where, r) => {
  for (const [name, s] of Object.entries(r))
    console.log(
      `${where.padEnd(22)} ${name.padEnd(5)} before ${s.before.median.toFixed(1).padStart(7)} µs  after ${s.after.median.toFixed(1).padStart(7)} µs  ` +
        `after/before ${s.after.ratio.toFixed(3)} [${s.after.ratioMin.toFixed(3)}-${s.after.ratioMax.toFixed(3)}] (${s.after.rounds} rounds)`,
    )
}

const mapStorage = () => {
  const items = new Map()
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, String(v)), removeItem: (k) => void items.delete(k) }
}
report('Node, Map storage', await scenarios({ stores, storage: mapStorage(), rounds: 9 }))
const { JSDOM } = await import('jsdom')
report('Node, jsdom storage', await scenarios({ stores, storage: new JSDOM('', { url: 'https://bench.invalid/' }).window.sessionStorage, rounds: 9 }))

const peers = fileURLToPath(new URL('./peers/node_modules/', import.meta.url))
if (existsSync(peers + 'playwright-core/package.json') && existsSync('/usr/bin/chromium')) {
  const { chromium } = await import(pathToFileURL(peers + 'playwright-core/index.mjs').href)
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  try {
    const page = await browser.newPage()
    await page.route('https://bench.invalid/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }))
    await page.goto('https://bench.invalid/')
    const stats = (await import('node:fs')).readFileSync(new URL('./stats.mjs', import.meta.url), 'utf8').replace(/^export /gm, '')
    const r = await page.evaluate(
      `(async () => { ${stats}; const load = ${load}; const stores = { before: load(${JSON.stringify(sources.before)}).createKeyStore, after: load(${JSON.stringify(sources.after)}).createKeyStore };` +
        `return (${scenarios})({ stores, storage: sessionStorage, rounds: 9 }) })()`,
    )
    report('Chromium sessionStorage', r)
  } finally {
    await browser.close()
  }
} else console.log('Chromium rows skipped: run `npm run bench` once (it installs bench/peers) and install /usr/bin/chromium.')
