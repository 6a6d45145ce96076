// Finance uploads a bank statement and works what it could not account for,
// in Debian's Chromium, without JavaScript needed: the statements page and the
// council's exceptions page axe-core clean and readable at 320 px; an upload
// through the form (multipart/form-data); a bad file refused naming the line;
// the demo's exception categorised, and the category remembered.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchChromium, expectAccessible, expectReflowAt320, signIn as signInAs } from '../support/browser.mjs'
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

// The shared sign-in (tests/support/browser.mjs), with this file's browser and server.
const signIn = (username, options) => signInAs(browser, server, username, options)

test("finance imports Sarah's statement for Margaret and works an exception, accessibly at 320 px", async () => {
  const { context, page } = await signIn('finance')
  await page.goto(server.url + '/finance/statement-exceptions')
  assert.equal((await page.locator('h1').textContent()).trim(), 'Statement exceptions')
  assert.match(await page.getByTestId('council-exceptions').textContent(), /HOMEWARE DIRECT/)
  await expectAccessible(page, 'statement exceptions page')
  await expectReflowAt320(page, 'statement exceptions page')

  await page.getByRole('link', { name: /Margaret/ }).first().click()
  await page.waitForLoadState('load')
  assert.match(await page.locator('h1').textContent(), /Bank statements/)
  assert.match(await page.getByTestId('lines').textContent(), /A BRIGHT/)
  await expectAccessible(page, 'statements page')
  await expectReflowAt320(page, 'statements page')

  // A file with three decimal places: refused, naming the line, nothing kept.
  await page.getByLabel('Statement file').setInputFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Id,Date,Payee,Description,Reference,Amount,Balance\nX1,2026-11-20,HMRC,PAYE,,-1.005,\n')
  })
  await page.getByRole('button', { name: 'Import the statement' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /line 2/)
  assert.match(await page.getByTestId('rejected-lines').textContent(), /Line 2/)
  await expectAccessible(page, 'statements page with a refused file')

  // A good one.
  await page.getByLabel('Statement file').setInputFiles({
    name: 'more.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Id,Date,Payee,Description,Reference,Amount,Balance\nX2,2026-11-20,HMRC,PAYE,,-1.00,\n')
  })
  await page.getByRole('button', { name: 'Import the statement' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.getByTestId('import-result').textContent(), /Statement imported/)

  // The demo's exception: a shop no rule knows.
  await page.getByRole('link', { name: /Look at this/ }).first().click()
  await page.waitForLoadState('load')
  await expectAccessible(page, 'work an exception')
  await page.getByRole('button', { name: 'Save' }).click()
  await page.waitForLoadState('load')
  assert.ok(await page.locator('.govuk-error-summary').count() > 0)
  await page.getByLabel('Say what it was spent on').check()
  await page.getByLabel(/^Spent on/).selectOption('equipment_and_adaptations')
  await page.getByRole('button', { name: 'Save' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.getByTestId('lines').textContent(), /Equipment/)
  assert.match(await page.getByTestId('exceptions').textContent(), /Done: categorised/)
  await context.close()
})
