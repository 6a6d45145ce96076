// A social worker records that Dorothy lacks capacity for care and support
// decisions and that her daughter Helen is her health and welfare attorney,
// gives Helen access from Dorothy's record and prints the setup letter; Helen
// sets her own password with the code and fills in the self-assessment for her
// mother, the questions asking about Dorothy by name. axe-core on every page.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchChromium, expectAccessible, signIn } from '../support/browser.mjs'
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

async function submit (page, name) {
  await page.getByRole('button', { name }).click()
  await page.waitForLoadState('load')
}

test('the worker gives the daughter access; she sets her password and answers for her mother', async () => {
  const { page: worker } = await signIn(browser, server, 'social.worker')

  // Dorothy Hughes (3): a capacity assessment about care and support, then her attorney.
  await worker.goto(server.url + '/people/3')
  await worker.getByRole('link', { name: 'Record a capacity assessment' }).click()
  await worker.getByLabel('Decisions about care and support').check()
  await worker.getByLabel('Day').first().fill('12')
  await worker.getByLabel('Month').first().fill('3')
  await worker.getByLabel('Year').first().fill('2026')
  await worker.getByLabel('Lacks capacity to make this decision').check()
  await worker.getByLabel('Who assessed').fill('Sam Patel')
  await submit(worker, 'Save')
  await worker.getByRole('link', { name: 'Add a carer or representative' }).click()
  await worker.getByLabel('Their name').fill('Helen Hughes (daughter)')
  await worker.getByLabel('Lasting power of attorney: health and welfare').check()
  await worker.getByLabel('A registered lasting power of attorney').check()
  await worker.getByLabel('Day').fill('1')
  await worker.getByLabel('Month').fill('6')
  await worker.getByLabel('Year').fill('2025')
  await expectAccessible(worker, 'relationship form')
  await submit(worker, 'Save')
  const record = await worker.locator('main').textContent()
  assert.match(record, /Helen Hughes \(daughter\) may act on care and support because the assessment on 12 March 2026 found Dorothy lacks capacity for decisions about care and support/)
  await expectAccessible(worker, 'person record with a representative and why')

  await worker.getByRole('link', { name: 'Give Helen Hughes (daughter) access to Patchwork' }).click()
  assert.equal(await worker.getByLabel('Their username').inputValue(), 'helen.hughes')
  await expectAccessible(worker, 'give access form')
  await submit(worker, 'Make the account and setup code')
  const code = (await worker.getByTestId('setup-code').textContent()).trim()
  assert.match(code, /^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/)
  assert.equal((await worker.getByTestId('username').textContent()).trim(), 'helen.hughes')
  await expectAccessible(worker, 'setup letter')
  // Printed, the letter has no banner, navigation or buttons.
  await worker.emulateMedia({ media: 'print' })
  assert.equal(await worker.locator('.govuk-notification-banner').isVisible(), false)
  assert.equal(await worker.getByText('Your setup code', { exact: true }).isVisible(), true)
  await worker.emulateMedia({ media: 'screen' })

  // Helen, at home with the letter.
  const helen = await (await browser.newContext()).newPage()
  await helen.goto(server.url + '/sign-in')
  await helen.getByRole('link', { name: 'set up your account' }).click()
  await expectAccessible(helen, 'set up your account')
  await helen.getByLabel('Username').fill('helen.hughes')
  await helen.getByLabel('Setup code').fill(code.toLowerCase())
  await helen.getByLabel('Choose a password').fill('mum likes roses')
  await helen.getByLabel('Type the password again').fill('mum likes rose')
  await submit(helen, 'Set my password and sign in')
  assert.match(await helen.locator('.govuk-error-summary').textContent(), /The two passwords are not the same/)
  await expectAccessible(helen, 'set up your account with an error')
  await helen.getByLabel('Username').fill('helen.hughes')
  await helen.getByLabel('Setup code').fill(code)
  await helen.getByLabel('Choose a password').fill('mum likes roses')
  await helen.getByLabel('Type the password again').fill('mum likes roses')
  await submit(helen, 'Set my password and sign in')
  assert.equal((await helen.locator('h1').textContent()).trim(), 'People you help')

  await helen.getByRole('link', { name: /Dorothy Hughes/ }).click()
  await helen.getByRole('link', { name: 'Start a self-assessment' }).click()
  await helen.getByLabel('Who is filling it in?').fill('Helen, for her mother Dorothy')
  await submit(helen, 'Start')
  await helen.getByRole('link', { name: 'Personal care' }).click()
  // Asked about her mother by name, never as "you".
  const main = await helen.locator('main').textContent()
  assert.doesNotMatch(main, /How do you manage/)
  assert.match(main, /You are answering for Dorothy/)
  await helen.getByRole('group', { name: 'How does Dorothy manage washing and bathing?' }).getByLabel('Dorothy needs some help').check()
  await helen.getByRole('group', { name: 'How does Dorothy manage getting dressed?' }).getByLabel('Someone has to do it for Dorothy').check()
  await helen.getByRole('group', { name: 'How does Dorothy manage going to the toilet?' }).getByLabel('Dorothy manages on their own').check()
  await expectAccessible(helen, 'questions for a representative')
  await submit(helen, 'Save and go back to the list')
  const list = await helen.locator('main').textContent()
  assert.match(list, /How does Dorothy manage washing and bathing\?/)
  assert.match(list, /Dorothy needs some help/)
  await expectAccessible(helen, 'task list for a representative')
})
