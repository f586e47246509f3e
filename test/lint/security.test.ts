// @vitest-environment node
import { ESLint } from 'eslint'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

// The lint rules that keep chat text out of HTML and code out of strings: prove each one fires on
// the shipped sources (src/), so the rule cannot silently stop working.
const eslint = new ESLint({ cwd: fileURLToPath(new URL('../..', import.meta.url)) })
const lint = async (code: string) => (await eslint.lintText(code, { filePath: 'src/react/Example.tsx' }))[0].messages

describe('security lint rules on src/', () => {
  test.each([
    ['dangerouslySetInnerHTML in JSX', 'export const A = (p: { t: string }) => <div dangerouslySetInnerHTML={{ __html: p.t }} />'],
    ['dangerouslySetInnerHTML in props', "import { createElement } from 'react'\nexport const A = (t: string) => createElement('div', { dangerouslySetInnerHTML: { __html: t } })"],
    ['innerHTML', 'export const a = (el: HTMLElement, t: string) => { el.innerHTML = t }'],
    ['eval', 'export const a = (t: string) => eval(t)'],
    ['window.eval', 'export const a = (t: string) => window.eval(t)'],
    ['new Function', "export const a = new Function('return 1')"],
    ['Function()', "export const a = Function('return 1')"],
    ['setTimeout with a string', "setTimeout('alert(1)', 1)"],
  ])('rejects %s', async (_, code) => {
    const messages = await lint(code)
    expect(messages.filter((m) => m.severity === 2).length).toBeGreaterThan(0)
  })

  test('an inline eslint-disable cannot switch the rules off', async () => {
    const messages = await lint('// eslint-disable-next-line no-eval\nexport const a = (t: string) => eval(t)')
    expect(messages.some((m) => m.ruleId === 'no-eval')).toBe(true)
  })

  test('accepts ordinary code', async () => {
    expect(await lint('export const A = (p: { t: string }) => <div>{p.t}</div>')).toEqual([])
  })

  test('the shipped sources pass', async () => {
    const results = await eslint.lintFiles(['src'])
    expect(results.length).toBeGreaterThan(10)
    expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.message}`))).toEqual([])
  })
})

test('no runtime dependencies, so `npm audit --omit=dev` has nothing to report', async () => {
  const { readFile } = await import('node:fs/promises')
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'))
  expect(pkg.dependencies ?? {}).toEqual({})
  // react is the one peer every user installs; the clients and the AI SDK are optional peers.
  const required = Object.keys(pkg.peerDependencies).filter((name) => !pkg.peerDependenciesMeta?.[name]?.optional)
  expect(required).toEqual(['react'])
})
