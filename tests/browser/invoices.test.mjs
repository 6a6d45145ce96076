// Provider invoices in Debian's Chromium: finance's list (the held invoice
// first, saying who must act next) and the held invoice's page with its
// differences and thread; Brightside's own list and page, where it answers
// the council without JavaScript, and its form to send an invoice. Every page
// axe-core clean and readable at 320 px.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchChromium, expectAccessible, signIn as signInAs } from '../support/browser.mjs'
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

test('finance sees the held invoice first and its differences; Brightside answers without JavaScript', async () => {
  const finance = await signIn('finance')
  await finance.page.getByRole('link', { name: 'Invoices' }).first().click()
  await finance.page.waitForLoadState('load')
  assert.equal((await finance.page.locator('h1').textContent()).trim(), 'Invoices')
  const firstRow = finance.page.getByTestId('invoices').locator('tbody tr').first()
  assert.match(await firstRow.textContent(), /BC-1042[\s\S]*Held[\s\S]*Brightside Care \(the provider\)/)
  await expectAccessible(finance.page, 'finance: invoices')
  await firstRow.getByRole('link', { name: 'BC-1042' }).click()
  await finance.page.waitForLoadState('load')
  assert.match(await finance.page.getByTestId('differences').textContent(), /£120\.50 invoiced .* the plan allows £95\.50/)
  assert.match(await finance.page.getByTestId('must-act').textContent(), /Brightside Care \(the provider\)/)
  await expectAccessible(finance.page, 'finance: a held invoice')
  await finance.context.close()

  // axe-core runs in a page with JavaScript; the answer itself is sent from a
  // page without it, as an older browser or a locked-down one would.
  const provider = await signIn('provider')
  await provider.page.getByRole('link', { name: 'Invoices' }).first().click()
  await provider.page.waitForLoadState('load')
  assert.match(await provider.page.getByTestId('waiting').textContent(), /1 held invoice waits for you to act/)
  await expectAccessible(provider.page, 'provider: invoices')
  await provider.page.getByRole('link', { name: 'BC-1042' }).click()
  await provider.page.waitForLoadState('load')
  await expectAccessible(provider.page, 'provider: a held invoice')
  const invoiceUrl = provider.page.url()

  const noScript = await signIn('provider', { javaScript: false })
  await noScript.page.goto(invoiceUrl)
  await noScript.page.getByLabel('Answer the council').fill('The family asked for the visit after Margaret fell at 6pm. Notes are in the post.')
  await noScript.page.getByRole('button', { name: 'Send the message' }).click()
  await noScript.page.waitForLoadState('load')
  assert.match(await noScript.page.getByTestId('must-act').textContent(), /The council/)
  assert.equal(await noScript.page.getByTestId('message').count(), 2)
  await noScript.context.close()

  await provider.page.goto(invoiceUrl)
  assert.match(await provider.page.getByTestId('must-act').textContent(), /The council/)
  await expectAccessible(provider.page, 'provider: a held invoice after answering')
  await provider.page.goto(server.url + '/invoices/new')
  await provider.page.getByRole('button', { name: 'Send the invoice' }).click()
  await provider.page.waitForLoadState('load')
  assert.match(await provider.page.locator('.govuk-error-summary').textContent(), /Enter the invoice number/)
  await expectAccessible(provider.page, 'provider: sending an invoice, with errors')
  await provider.context.close()
})
