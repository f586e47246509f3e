import { afterEach } from 'vitest'
import { cleanup } from '@testing-library/react'
import { resetTrackedKeys } from '../src/testing'

// Fixed conversation ids repeat across tests: forget what earlier tests sent.
afterEach(() => {
  cleanup()
  resetTrackedKeys()
})
