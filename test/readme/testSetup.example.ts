// vitest.setup.ts (setupFiles in vitest.config.ts)
import { afterEach } from 'vitest'
import { cleanup } from '@testing-library/react'
import { resetTrackedKeys } from '../../src/entries/testing'

afterEach(() => {
  cleanup()
  resetTrackedKeys()
})
