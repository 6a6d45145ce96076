// Debian's Chromium through playwright-core, and axe-core's WCAG 2.2 AA check,
// shared by the browser tests.
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'
import AxeBuilder from '@axe-core/playwright'
import { DEMO_PASSWORD } from './harness.mjs'

export function launchChromium () {
  // As root Chromium needs --no-sandbox; the networking flags stop it calling out
  // to services this machine cannot reach.
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']
  })
}

// The contexts made with JavaScript turned off (newContext below). In such a
// context Chromium runs no timer callbacks (CDP's setScriptExecutionDisabled),
// and axe-core schedules its checks with setTimeout, so axe.run() there never
// settles: the payment runs test hung in axe-core's frame evaluation for this
// reason (it was the checker's no-JavaScript page, not the page itself).
const withoutJavaScript = new WeakSet()

// A fresh context: every page checked with expectAccessible must come from one
// made here or by browser.newContext() (axe-core needs its own blank page).
export async function newContext (browser, { javaScript = true, acceptDownloads = false } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, acceptDownloads })
  if (!javaScript) withoutJavaScript.add(context)
  return context
}

// Signs a demo account in through the sign-in form, in a context of its own.
export async function signIn (browser, server, username, { javaScript = true, acceptDownloads = false } = {}) {
  const context = await newContext(browser, { javaScript, acceptDownloads })
  const page = await context.newPage()
  await page.goto(server.url + '/sign-in')
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForLoadState('load')
  return { context, page }
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
const AXE_LIMIT_MS = 60000

async function axeResults (page, label) {
  let timer
  const limit = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`axe-core did not finish on ${label} within ${AXE_LIMIT_MS / 1000} s ` +
      '(a context with JavaScript turned off must come from newContext in tests/support/browser.mjs)')), AXE_LIMIT_MS)
  })
  try {
    return await Promise.race([new AxeBuilder({ page }).withTags(AXE_TAGS).analyze(), limit])
  } finally {
    clearTimeout(timer)
  }
}

// A page seen without JavaScript is checked as that user sees it: its DOM as it
// stands (no script ran, so scripts are left out), served at the same address
// with the same cookies in a context where axe-core's timers can run.
async function axeResultsWithoutJavaScript (page, label) {
  const html = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true)
    for (const s of copy.querySelectorAll('script')) s.remove()
    return '<!DOCTYPE html>' + copy.outerHTML
  })
  const url = page.url()
  const context = await page.context().browser().newContext({ storageState: await page.context().storageState() })
  try {
    const copy = await context.newPage()
    await copy.route(u => u.href === url, route => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }))
    await copy.goto(url)
    return await axeResults(copy, label + ' (without JavaScript)')
  } finally {
    await context.close()
  }
}

// axe-core must run on a page from browser.newContext() or newContext() above.
// Every page checked for accessibility is also checked for reflow at 320 px.
export async function expectAccessible (page, label) {
  const results = withoutJavaScript.has(page.context()) ? await axeResultsWithoutJavaScript(page, label) : await axeResults(page, label)
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
