import { expect, test } from 'vitest'
import aiPackage from 'ai/package.json'
import aiReactPackage from '@ai-sdk/react/package.json'

// The adapter's tests run once per AI SDK major (projects react19/react18: the root's ai 6;
// ai-sdk5 and ai-sdk7: test/ai-sdk5, test/ai-sdk7). Prove that each project loads the pair it names.
test('this project runs on the AI SDK major it names, with the @ai-sdk/react built for that ai', () => {
  const major = Number(process.env.VITEST_AI_SDK_MAJOR ?? 6)
  expect(Number(aiPackage.version.split('.')[0])).toBe(major)
  expect(Number(aiReactPackage.version.split('.')[0])).toBe(major - 3)
  expect((aiReactPackage as { dependencies: Record<string, string> }).dependencies.ai).toBe(aiPackage.version)
})
