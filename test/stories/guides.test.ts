import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Meta } from '@storybook/react-vite'
import { isExportStory, storyNameFromExport, toId } from 'storybook/internal/csf'
import { expect, test } from 'vitest'
import { GUIDES, storybookHref } from '../../stories/guides/guides'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const read = (path: string) => readFileSync(join(root, path), 'utf8')
const guideFiles = readdirSync(join(root, 'docs')).filter((file) => file.endsWith('.md'))
const pages = readdirSync(join(root, 'stories/guides')).filter((file) => file.endsWith('.mdx'))

test('every guide of docs/ has its Storybook page, which renders that file', () => {
  expect(Object.keys(GUIDES).sort()).toEqual(guideFiles.sort())
  const shown = pages.map((page) => {
    const mdx = read(`stories/guides/${page}`)
    const file = /from '\.\.\/\.\.\/docs\/([\w-]+\.md)\?raw'/.exec(mdx)?.[1]
    expect(mdx, page).toContain(`<Meta title="Guides/${GUIDES[file!]}" />`)
    return file
  })
  expect(shown.sort()).toEqual(guideFiles.sort())
})

test("the guides' links lead to guides in Storybook; files it does not show become plain text", () => {
  for (const file of guideFiles)
    for (const [, href] of read(`docs/${file}`).replace(/```[\s\S]*?```/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = storybookHref(href)
      if (href.startsWith('../') && href !== '../README.md' && !href.startsWith('../README.md#')) expect(target, href).toBeNull()
      else expect(target, href).toMatch(/^(https?:|#|\.\/\?path=\/docs\/(introduction|guides-[a-z-]+)--docs)/)
    }
  expect(storybookHref('exactly-once.md#order')).toBe('./?path=/docs/guides-exactly-once--docs#order')
})

test('the introduction links every demo and every guide, each to a page that exists', () => {
  const intro = read('stories/Introduction.mdx')
  const stories = import.meta.glob<Record<string, unknown> & { default: Meta }>('../../stories/**/*.stories.tsx', { eager: true })
  const storyIds = Object.values(stories).flatMap((module) =>
    Object.keys(module)
      .filter((name) => isExportStory(name, module.default))
      .map((name) => toId(module.default.title!, storyNameFromExport(name))),
  )
  const guideIds = Object.values(GUIDES).map((title) => toId(`Guides/${title}`, 'Docs'))
  const linked = [...intro.matchAll(/\]\(\?path=\/(story|docs)\/([\w-]+)\)/g)].map(([, , id]) => id)
  expect(linked.filter((id) => !storyIds.includes(id) && !guideIds.includes(id))).toEqual([])
  expect(guideIds.filter((id) => !linked.includes(id))).toEqual([])
  const titles = new Set(Object.values(stories).map((module) => module.default.title))
  const demosLinked = new Set(linked.filter((id) => storyIds.includes(id)).map((id) => id.split('--')[0]))
  expect(demosLinked.size, 'a demo the introduction does not mention').toBe(titles.size)
})
