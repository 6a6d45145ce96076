// Finance's payment runs in Debian's Chromium: the officer who prepared the
// draft is told another must approve it (and is not offered the button); the
// second officer approves it with the form, downloads the CSV without
// JavaScript, and every page is axe-core clean and readable at 320 px.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchChromium, expectAccessible, signIn as signInWith } from '../support/browser.mjs'
import { demoDatabase, startServer } from '../support/harness.mjs'

let server, browser
before(async () => {
  server = await startServer(demoDatabase())
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

const signIn = (username, { javaScript = true } = {}) => signInWith(browser, server, username, { javaScript, acceptDownloads: true })

// Once skipped: it hung in axe-core on the checker's page, which has JavaScript
// turned off, where Chromium runs no timers and axe never finishes.
// expectAccessible now checks such a page's DOM in a context where it can.
test('the preparer cannot approve; a second officer approves and exports, accessibly, without JavaScript', async () => {
  const maker = await signIn('finance')
  await maker.page.getByRole('link', { name: 'Payment runs' }).first().click()
  await maker.page.waitForLoadState('load')
  assert.equal((await maker.page.locator('h1').textContent()).trim(), 'Payment runs')
  await expectAccessible(maker.page, 'payment runs')
  // A date left out is refused, naming the field.
  await maker.page.getByRole('button', { name: 'Prepare the run' }).click()
  await maker.page.waitForLoadState('load')
  assert.match(await maker.page.locator('.govuk-error-summary').textContent(), /Enter the date to pay up to/)
  await expectAccessible(maker.page, 'payment runs with an error')

  const draftLink = maker.page.locator('tr', { hasText: 'Draft' }).getByRole('link')
  await draftLink.click()
  await maker.page.waitForLoadState('load')
  assert.match(await maker.page.getByTestId('maker-checker').textContent(), /another finance officer must check and approve it/)
  assert.equal(await maker.page.getByRole('button', { name: 'Approve the run' }).count(), 0)
  await expectAccessible(maker.page, 'a draft run, to its preparer')
  const runUrl = maker.page.url()
  await maker.context.close()

  const checker = await signIn('finance.checker', { javaScript: false })
  await checker.page.goto(runUrl)
  await checker.page.getByRole('button', { name: 'Approve the run' }).click()
  await checker.page.waitForLoadState('load')
  assert.match(await checker.page.getByTestId('run-state').textContent(), /Approved/)
  await expectAccessible(checker.page, 'an approved run')
  const [download] = await Promise.all([
    checker.page.waitForEvent('download'),
    checker.page.getByRole('button', { name: 'Download the file' }).click()
  ])
  assert.match(download.suggestedFilename(), /^payment-run-\d+\.csv$/)
  await checker.page.goto(runUrl)
  assert.match(await checker.page.getByTestId('run-state').textContent(), /Exported/)
  await expectAccessible(checker.page, 'an exported run')
  await checker.context.close()
})

test("finance's page of a person's payments and the forms are accessible", async () => {
  const finance = await signIn('finance')
  await finance.page.goto(server.url + '/people/1/payments')
  assert.equal((await finance.page.locator('h1').textContent()).trim(), 'Payments')
  await expectAccessible(finance.page, 'a person\'s payments')
  await finance.page.getByRole('link', { name: 'Stop payments from a date' }).click()
  await finance.page.waitForLoadState('load')
  await finance.page.getByRole('button', { name: 'Stop the payments' }).click()
  await finance.page.waitForLoadState('load')
  assert.match(await finance.page.locator('.govuk-error-summary').textContent(), /Choose the part of the budget/)
  await expectAccessible(finance.page, 'stop payments, with errors')
  await finance.context.close()
})
