// The code blocks of the user-facing docs (README.md and docs/*.md) and the files that hold them.
// Every ts/tsx/js/jsx block follows an `<!-- example: name -->` marker. The name is either a whole
// file (WHOLE_FILES: the block is that file, with the package's import paths) or a snippet: a
// `// example: name` region of a type-checked examples file that contains the block word for word.
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../..', import.meta.url))

/** The user-facing Markdown: the README and every page under docs/. */
export const docFiles = (): string[] => [
  'README.md',
  ...readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => join('docs', file)),
]

/** Examples shown whole: the documented block is the file, read with the package's import paths. */
export const WHOLE_FILES: Record<string, string> = {
  quickStart: 'test/readme/QuickStart.example.tsx',
  testSetup: 'test/readme/testSetup.example.ts',
  conformanceTest: 'test/readme/conformance.example.test.tsx',
  eventLog: 'test/readme/EventLog.example.tsx',
  eventLogTee: 'test/readme/EventLogTee.example.tsx',
  segmentClient: 'test/readme/segmentClient.example.ts',
  collectorClient: 'test/readme/collectorClient.example.ts',
  screebClient: 'test/readme/Screeb.example.tsx',
  privacy: 'test/readme/Privacy.example.tsx',
  consentBanner: 'test/readme/ConsentBanner.example.tsx',
  aiSdkChat: 'test/readme/AiSdkChat.example.tsx',
  customSpec: 'test/specs/customSpec.example.ts',
  fanOutClients: 'test/specs/fanOutClients.example.ts',
  chatRoute: 'test/readme/chatRoute.example.ts',
}

/** Type-checked files whose `// example: name` regions hold the short blocks. */
export const SNIPPET_FILES = ['test/readme/api.examples.tsx', 'test/readme/guides.examples.tsx', 'test/readme/nextjs.examples.tsx', 'test/readme/langGraph.examples.tsx', 'test/readme/dedupe.examples.tsx', 'test/readme/agUi.examples.tsx', 'test/readme/assistantUi.examples.tsx', 'test/readme/signals.examples.tsx']

export interface DocBlock {
  /** The Markdown file, relative to the root. */
  file: string
  line: number
  lang: string
  code: string
  /** The name of the `<!-- example: name -->` marker right above the block, if any. */
  example?: string
}

const CODE = new Set(['ts', 'tsx', 'js', 'jsx', 'mjs'])

/** Every fenced block of code (not shell or JSON) in the docs. */
export function docBlocks(): DocBlock[] {
  const blocks: DocBlock[] = []
  for (const file of docFiles()) {
    const text = readFileSync(join(root, file), 'utf8')
    for (const match of text.matchAll(/(?:<!-- example: ([\w-]+) -->\s*\n)?```(\w*)\n([\s\S]*?)```/g)) {
      if (!CODE.has(match[2])) continue
      const line = text.slice(0, match.index).split('\n').length
      blocks.push({ file, line, lang: match[2], code: match[3], example: match[1] })
    }
  }
  return blocks
}

/** A file as the docs show it: imports from the package, not from this checkout's src/entries/. */
export const asDocumented = (file: string) =>
  readFileSync(join(root, file), 'utf8').replace(/from '\.\.\/\.\.\/src\/entries(\/[\w-]+)?'/g, (_, entry = '') => `from 'react-copilot-analytics${entry}'`)

/** The `// example: name` regions of the snippet files, by name. */
export function snippetRegions(): Map<string, { file: string; text: string }> {
  const regions = new Map<string, { file: string; text: string }>()
  for (const file of SNIPPET_FILES) {
    const parts = readFileSync(join(root, file), 'utf8').split(/^\/\/ example: ([\w-]+)\n/m)
    for (let i = 1; i < parts.length; i += 2) {
      if (regions.has(parts[i])) throw new Error(`example "${parts[i]}" is marked twice (${file})`)
      regions.set(parts[i], { file, text: parts[i + 1] })
    }
  }
  return regions
}

export const where = (block: DocBlock) => `${relative('.', block.file)}:${block.line}`
