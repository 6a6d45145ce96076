// Debian's Chromium through playwright-core, and axe-core's WCAG 2.2 AA check,
// shared by the browser tests.
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'
import AxeBuilder from '@axe-core/playwright'

export function launchChromium () {
  // As root Chromium needs --no-sandbox; the networking flags stop it calling out
  // to services this machine cannot reach.
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']
  })
}

// axe-core must run on a page from browser.newContext(), which every test uses.
export async function expectAccessible (page, label) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  const summary = results.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)
  assert.deepEqual(summary, [], `accessibility violations on ${label}`)
}
