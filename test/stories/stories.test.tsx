/// <reference types="vite/client" />
import { composeStories, composeStory, setProjectAnnotations, type Meta } from '@storybook/react-vite'
import { describe, expect, test, vi } from 'vitest'
import preview from '../../.storybook/preview'

// The same project annotations as Storybook itself (the StrictMode decorator included).
setProjectAnnotations([preview])

// Every story file, so a new story is tested without anyone listing it here. A story opts out
// with Storybook's own `tags: ['!test']`.
const modules = import.meta.glob<{ default: Meta }>('../../stories/**/*.stories.tsx', { eager: true })

for (const [file, module] of Object.entries(modules)) {
  describe(file.replace('../../stories/', ''), () => {
    for (const [name, Story] of Object.entries(composeStories(module) as Record<string, ReturnType<typeof composeStory>>)) {
      const run = Story.tags.includes('!test') ? test.skip : test
      run(`${name}${Story.play ? ': play function passes' : ': renders'}`, async () => {
        // No console noise: a story that warns or errors fails here.
        const warn = vi.spyOn(console, 'warn')
        const error = vi.spyOn(console, 'error')
        await Story.run()
        expect(warn).not.toHaveBeenCalled()
        expect(error).not.toHaveBeenCalled()
      }, 20_000)
    }
  })
}
