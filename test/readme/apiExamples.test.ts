import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
const readme = readFileSync(join(here, '../../README.md'), 'utf8')
const section = (name: string) => {
  const start = readme.indexOf(`<!-- section: ${name} (issue 2) -->`)
  expect(start, `README.md has no "${name}" section`).toBeGreaterThan(-1)
  return readme.slice(start, readme.indexOf('<!-- section:', start + 1))
}
const blocks = (text: string) => [...text.matchAll(/```tsx?\n([\s\S]*?)```/g)].map((match) => match[1])
// These files are type-checked by `npm run typecheck` (tsconfig includes test/).
const checked = ['api.examples.tsx', 'testSetup.example.ts']
  .map((file) => readFileSync(join(here, file), 'utf8'))
  .join('\n')
  .replaceAll("from '../../src", "from 'react-copilot-analytics")

test.each([
  ['api', 7],
  ['exactly once', 1],
])("every code block of the README's %s section is in a type-checked file, word for word", (name, count) => {
  const found = blocks(section(name))
  expect(found).toHaveLength(count)
  for (const block of found) expect(checked, `README block not type-checked:\n${block}`).toContain(block)
})
