// The RAS learning report (#15): a commissioner follows the navigation to how
// agreed plans compare with the RAS and reads the table per model version; an
// administrator loads the proposed model as a new version from the report and
// lands on the configuration page with it listed. axe-core and the 320 px check
// on each page. The demo's plans waiting for approval are set approved and in
// force in the database first (approval itself is the approvals tests' subject).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchChromium, expectAccessible } from '../support/browser.mjs'
import { demoDatabase, startServer, sql, DEMO_PASSWORD } from '../support/harness.mjs'

let server, browser
before(async () => {
  const db = demoDatabase()
  const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10)
  sql(db, `UPDATE support_plans SET status = 'approved', effective_from = '${yesterday}' WHERE status = 'submitted' AND indicative_allocation_id IS NOT NULL`)
  server = await startServer(db)
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

async function signedIn (username) {
  const page = await (await browser.newContext()).newPage()
  await page.goto(server.url + '/sign-in')
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForLoadState('load')
  return page
}

test('a commissioner reads how agreed plans compare with the RAS', async () => {
  const commissioner = await signedIn('commissioner')
  await commissioner.getByRole('link', { name: 'Plans and the RAS' }).first().click()
  await commissioner.waitForLoadState('load')
  assert.equal(await commissioner.locator('h1').textContent(), 'How agreed plans compare with the RAS')
  const caption = await commissioner.locator('caption').first().textContent()
  assert.match(caption, /Plans that started from RAS model version \d+/)
  assert.ok(await commissioner.getByRole('rowheader', { name: 'Everyone' }).count() >= 1)
  assert.equal(await commissioner.getByRole('button', { name: 'Load this model as a new version' }).count(), 0)
  await expectAccessible(commissioner, 'the RAS learning report')
})

test('an administrator loads the proposed model from the report', async () => {
  const admin = await signedIn('admin')
  await admin.goto(server.url + '/reports/ras-learning')
  await expectAccessible(admin, 'the RAS learning report with the load button')
  await admin.getByRole('button', { name: 'Load this model as a new version' }).click()
  await admin.waitForLoadState('load')
  assert.equal(new URL(admin.url()).pathname, '/configuration')
})
