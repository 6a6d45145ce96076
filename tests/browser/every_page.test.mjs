// The quality bar for every page (#17): each demo role signs in and follows
// every link it is shown, breadth first from its home page, and every page it
// reaches must answer (a link to a page the user may not see is a bug), have
// one heading, pass axe-core's WCAG 2.2 AA rules and reflow at 320 px without
// the page scrolling sideways. The pages written for budget holders and the
// people who help them must also read plainly: short sentences and common
// words (docs/my-pages.md "Plain English" says how it is measured and why).
//
// A page is visited once for each shape of address (numbers and query values
// stripped: /people/1 and /people/2 are the same page made from the same
// template), by the first role that reaches it, the budget holder's and the
// representative's first; each role's home page and the pages it links to
// are visited for every role, as they differ by role. Links that would download a file, sign out or
// change something (forms, not links) are not followed.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchChromium, expectAccessible, signIn } from '../support/browser.mjs'
import { demoDatabase, startServer } from '../support/harness.mjs'
import { readingMeasures, PLAIN_ENGLISH } from '../support/plain_english.mjs'

let server, browser
before(async () => {
  server = await startServer(demoDatabase())
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

// finance.checker sees what finance sees (roles.test.mjs checks its home).
const ROLES = ['budget.holder', 'representative', 'social.worker', 'team.manager', 'finance', 'head.of.service',
  'commissioner', 'safeguarding', 'provider', 'admin']
// The people whose every page is held to the plain-English bar; each of them
// visits all their own pages (a representative's say whose they are).
const PERSONAL_ROLES = ['budget.holder', 'representative']
const PAGES_PER_ROLE = 25

const seen = new Set()
function shapeOf (url) {
  const u = new URL(url)
  const keys = [...u.searchParams.keys()].sort().join('&')
  return u.pathname.replace(/\/\d+(?=\/|$)/g, '/{n}') + (keys ? '?' + keys : '')
}

function followable (href, origin) {
  let u
  try { u = new URL(href) } catch { return false }
  if (u.origin !== origin) return false
  if (/^\/(assets|api|sign-out)\b/.test(u.pathname)) return false
  if (/\.(csv|pdf|txt|json)$/.test(u.pathname) || /(^|&)format=/.test(u.search) || /\/(download|file|export)\b/.test(u.pathname)) return false
  return true
}

const readings = []

for (const username of ROLES) {
  test(`every page ${username} can reach by a link answers, is accessible and reflows at 320 px`, { timeout: 600000 }, async () => {
    const { context, page } = await signIn(browser, server, username)
    const origin = new URL(server.url).origin
    // The home page and the pages its links lead to differ by role even where
    // the address is the same (/home, /people): each role visits its own.
    const queue = [{ url: page.url(), own: true }]
    const failures = []
    let visited = 0
    while (queue.length > 0 && visited < PAGES_PER_ROLE) {
      const { url, own } = queue.shift()
      const shape = own ? `${username} ${shapeOf(url)}` : shapeOf(url)
      if (seen.has(shape)) continue
      seen.add(shape)
      visited++
      const response = await page.goto(url)
      const path = new URL(url).pathname + new URL(url).search
      if (!response || response.status() >= 400) {
        failures.push(`${path}: answered ${response?.status()} to a link ${username} was shown`)
        continue
      }
      if (await page.locator('h1').count() !== 1) failures.push(`${path}: ${await page.locator('h1').count()} main headings`)
      try {
        await expectAccessible(page, `${username} ${path}`)
      } catch (e) {
        failures.push(e.message.split('\n')[0])
      }
      if (PERSONAL_ROLES.includes(username)) {
        // The prose: what is read as sentences, not table cells or figures.
        const prose = await page.locator('main').locator('p, li, label, legend, .govuk-hint, .govuk-inset-text, .govuk-warning-text__text, .govuk-error-message')
          .evaluateAll(els => els.filter(e => !e.closest('table')).map(e => e.innerText.trim()).filter(Boolean).join('\n'))
        readings.push({ path, username, ...readingMeasures(prose) })
      }
      for (const href of await page.locator('a[href]:not([download])').evaluateAll(as => as.map(a => a.href))) {
        const clean = href.split('#')[0]
        if (followable(clean, origin)) queue.push({ url: clean, own: visited === 1 || PERSONAL_ROLES.includes(username) })
      }
    }
    await context.close()
    assert.deepEqual(failures, [], `pages ${username} reached by links`)
    assert.ok(visited > 0)
  })
}

test('the budget holder\'s and representative\'s pages read plainly', () => {
  assert.ok(readings.length >= 5, `only ${readings.length} personal pages were read`)
  const hard = readings.filter(r => r.wordsPerSentence > PLAIN_ENGLISH.wordsPerSentence || r.longWordShare > PLAIN_ENGLISH.longWordShare)
  for (const r of readings) console.log(`${r.path} (${r.username}): ${r.wordsPerSentence.toFixed(1)} words a sentence, ${(r.longWordShare * 100).toFixed(0)}% long words`)
  assert.deepEqual(hard.map(r => `${r.path} (${r.username}): ${r.wordsPerSentence.toFixed(1)} words a sentence (longest: ${JSON.stringify(r.longestSentences)}), ` +
    `${(r.longWordShare * 100).toFixed(0)}% words of three syllables or more (${r.longWords.join(', ')})`), [])
})
