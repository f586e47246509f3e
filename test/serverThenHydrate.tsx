import type { ReactElement } from 'react'
import { renderToString } from 'react-dom/server'
import { hydrateRoot } from 'react-dom/client'
import { act } from '@testing-library/react'
import { expect, vi } from 'vitest'
import { createMemoryAnalytics, type MemoryAnalytics } from '../src/entries/testing'

/**
 * A page rendered as a server renders it (nothing may be sent there), its HTML put in a container,
 * then hydrated on the client: `page` builds each side's element with that side's recorder. Returns
 * the server HTML, the client's recorder, the container, `consoleError` (silenced, and cleared after
 * the server render: React 18 under jsdom warns that layout effects cannot run on a "server" that
 * has a document; a hydration mismatch would show here) and `unmount()`.
 */
export async function renderOnServerThenHydrate(page: (analytics: MemoryAnalytics, side: 'server' | 'client') => ReactElement) {
  const server = createMemoryAnalytics()
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
  const html = renderToString(page(server, 'server'))
  expect(server.calls, 'calls made on the server').toEqual([])
  consoleError.mockClear()

  const container = document.body.appendChild(document.createElement('div'))
  container.innerHTML = html
  const client = createMemoryAnalytics()
  let root!: ReturnType<typeof hydrateRoot>
  await act(async () => {
    root = hydrateRoot(container, page(client, 'client'))
  })
  const unmount = () => {
    act(() => root.unmount())
    container.remove()
  }
  return { html, client, container, consoleError, unmount }
}
