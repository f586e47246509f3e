// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { expect, test } from 'vitest'
import { SNIPPET_FILES, WHOLE_FILES, asDocumented, docBlocks, docFiles, root, snippetRegions, where } from './docExamples'

const blocks = docBlocks()
const regions = snippetRegions()

test('every code block of the README and docs/ names its tested example', () => {
  expect(blocks.length).toBeGreaterThan(20)
  const unmarked = blocks.filter((block) => !block.example).map(where)
  expect(unmarked, 'put <!-- example: name --> right above these blocks').toEqual([])
  const names = blocks.map((block) => block.example)
  expect(names.filter((name, i) => names.indexOf(name) !== i), 'example names shown twice').toEqual([])
})

test.each(blocks.filter((block) => block.example).map((block) => [block.example!, where(block), block] as const))(
  'the %s example (%s) is tested code, word for word',
  (name, _, block) => {
    if (name in WHOLE_FILES) return expect(block.code).toBe(asDocumented(WHOLE_FILES[name]))
    const region = regions.get(name)
    expect(region, `no file for example "${name}": add it to WHOLE_FILES or mark a region "// example: ${name}" in ${SNIPPET_FILES.join(' or ')}`).toBeDefined()
    expect(region!.text, `${region!.file} does not hold the "${name}" block word for word`).toContain(block.code)
  },
)

test('every example file and region is shown in the docs', () => {
  const shown = new Set(blocks.map((block) => block.example))
  expect([...Object.keys(WHOLE_FILES), ...regions.keys()].filter((name) => !shown.has(name))).toEqual([])
})

test('the README shows how to start the demos and how to run the tests', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  expect(readme).toMatch(/```sh\n[^`]*npm install && npm run storybook/)
  expect(readme).toMatch(/```sh\n[^`]*^npm test\b/m)
  expect(readme.split('\n').length, 'the README is a front page: details belong in docs/').toBeLessThanOrEqual(200)
})

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-')
const anchorsOf = (text: string) => new Set([...text.replace(/```[\s\S]*?```/g, '').matchAll(/^#+ (.*)$/gm)].map((match) => anchor(match[1])))

test('every relative link of the README and docs/ reaches a file, and its #anchor a heading', () => {
  const broken: string[] = []
  for (const file of docFiles()) {
    const text = readFileSync(join(root, file), 'utf8')
    for (const [, target] of text.replace(/```[\s\S]*?```/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue
      const [path, hash] = target.split('#')
      const linked = path ? join(dirname(join(root, file)), path) : join(root, file)
      if (!existsSync(linked)) broken.push(`${file}: ${target} (no such file)`)
      else if (hash && !anchorsOf(readFileSync(linked, 'utf8')).has(hash)) broken.push(`${file}: ${target} (no such heading)`)
    }
  }
  expect(broken).toEqual([])
})
