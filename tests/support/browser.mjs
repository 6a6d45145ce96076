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
// Every page checked for accessibility is also checked for reflow at 320 px.
export async function expectAccessible (page, label) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  const summary = results.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)
  assert.deepEqual(summary, [], `accessibility violations on ${label}`)
  await expectReflowAt320(page, label)
}

// WCAG 2.2 1.4.10: at 320 CSS pixels wide the page itself never scrolls
// sideways; a wide table may scroll inside its own region. Names what is too wide.
export async function expectReflowAt320 (page, label) {
  const before = page.viewportSize()
  await page.setViewportSize({ width: 320, height: 800 })
  try {
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth
      if (document.documentElement.scrollWidth <= width) return null
      const culprits = []
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect()
        if (r.right > width + 1 && !el.closest('.pw-table-scroll')) culprits.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`)
      }
      return { scrollWidth: document.documentElement.scrollWidth, width, culprits: culprits.slice(0, 5) }
    })
    assert.equal(overflow, null, `${label} scrolls sideways at 320 px: ${JSON.stringify(overflow)}`)
  } finally {
    if (before) await page.setViewportSize(before)
  }
}
