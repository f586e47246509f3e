import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { expect, test } from 'vitest'

// Proves each vitest project really runs the React it claims (the react18 project works by aliasing).
test('this project runs the React version it is named after', () => {
  const major = process.env.VITEST_REACT_MAJOR
  expect(major, 'VITEST_REACT_MAJOR is set by the vitest project').toBeDefined()
  expect(version.split('.')[0]).toBe(major)
  expect(domVersion.split('.')[0]).toBe(major)
})
