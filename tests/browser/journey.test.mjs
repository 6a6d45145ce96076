// The product's main journey across roles (#17), on a real server with a
// database of its own, axe-core on every page a person visits: a worker
// records a person and their assessment; the indicative budget appears,
// explained; a plan is built and a manager approves it; finance sets up the
// direct payment and one officer approves the payment run another prepared;
// the budget holder sets up their account with the code from their letter
// (a used code is refused), sees the right amounts to the penny and asks for a
// review; the worker sees it on their home page and records it, and the
// person sees it done.
//
// The worker records the person, the assessment, eligibility and the budget
// on their pages; building the plan, the manager's decision and setting up
// the payment go through the JSON API (the same services as their pages,
// which plans.test.mjs and payment_runs.test.mjs drive in the browser), with
// each of those pages visited and checked; the second finance officer's
// approval and the statement import are done on their pages, and every page
// the budget holder and the worker then use is driven in Chromium.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { launchChromium, expectAccessible } from '../support/browser.mjs'
import { demoDatabase, startServer, Client, DEMO_PASSWORD } from '../support/harness.mjs'
import { involve } from '../support/planning.mjs'
import { answerParts, demoAnswers } from '../support/self_assessment.mjs'

const shots = path.resolve(process.env.PATCHWORK_SCREENSHOTS || 'build/screenshots')
let server, browser
before(async () => {
  mkdirSync(shots, { recursive: true })
  server = await startServer(demoDatabase())
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

const today = new Date().toISOString().slice(0, 10)
const [year, month, day] = today.split('-').map(Number)

async function as (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

async function submit (page, name) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name }).click()])
}

async function signIn (username, password = DEMO_PASSWORD) {
  const page = await (await browser.newContext()).newPage()
  await page.goto(server.url + '/sign-in')
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(password)
  await submit(page, 'Sign in')
  return page
}

test('from recording a person to the review they asked for, across every role', async () => {
  // A worker records Dora and her assessment; the indicative budget is worked out.
  // All on the worker's pages: the record, the self-assessment filled in with
  // Dora, the answers confirmed, eligibility decided, the budget worked out.
  const worker = await as('social.worker')
  const workerPage = await signIn('social.worker')
  await workerPage.goto(server.url + '/people/new')
  await workerPage.getByLabel('First name').fill('Dora')
  await workerPage.getByLabel('Last name').fill('Planner')
  await workerPage.getByLabel('Day').first().fill('3')
  await workerPage.getByLabel('Month').first().fill('2')
  await workerPage.getByLabel('Year').first().fill('1941')
  await workerPage.getByRole('radio', { name: 'Diagnosed', exact: true }).check()
  await expectAccessible(workerPage, 'recording a new person')
  await submit(workerPage, 'Save and continue')
  assert.equal((await workerPage.locator('h1').textContent()).trim(), 'Dora Planner')
  const person = Number(new URL(workerPage.url()).pathname.match(/^\/people\/(\d+)/)[1])
  await Promise.all([workerPage.waitForNavigation(), workerPage.getByRole('link', { name: 'Start a self-assessment' }).click()])
  await workerPage.getByLabel('Who is filling it in?').fill('Dora with her worker')
  await submit(workerPage, 'Start')
  await answerParts(workerPage, demoAnswers())
  await expectAccessible(workerPage, 'the self-assessment, every part done')
  await submit(workerPage, 'Send to the social worker')
  await submit(workerPage, 'Check and confirm the answers')
  await submit(workerPage, 'Confirm the answers')
  assert.equal((await workerPage.locator('h1').textContent()).trim(), 'Decide eligibility')
  await workerPage.getByRole('group', { name: /impairment or illness/ }).getByLabel('Yes').check()
  await workerPage.getByRole('group', { name: /significant impact on their well-being/ }).getByLabel('Yes').check()
  await workerPage.getByLabel('Why? (in words the person will read in their letter)').fill('Dora has fallen and often forgets to eat.')
  await workerPage.getByRole('group', { name: 'Who took part in the assessment?' }).getByLabel('The person (with anyone helping them)').check()
  await expectAccessible(workerPage, 'deciding eligibility')
  await submit(workerPage, 'Record the decision')
  assert.match(await workerPage.locator('.govuk-panel').textContent(), /Eligible needs/)
  await submit(workerPage, 'Work out the indicative budget')
  const panel = await workerPage.locator('.govuk-panel').textContent()
  const [, pounds, pence] = panel.match(/£([\d,]+)\.(\d\d) a week/)
  const indicative = Number(pounds.replace(/,/g, '')) * 100 + Number(pence)
  const record = await workerPage.locator('main').textContent()
  assert.match(record, /How the indicative budget was worked out/)
  await expectAccessible(workerPage, 'the record with the indicative budget explained')

  // A plan: £150.00 a week for her own assistant, a direct payment to her.
  const base = `/api/v1/people/${person}/plans`
  const v1 = (await worker.send('POST', base, { json: { helped_by: 'family_or_friends', views_included: 'fully' } })).json()
  const at = `${base}/${v1.id}`
  for (const [p, json] of [
    ['outcomes', { words: 'I want to stay at home and get to the shops', aim: 'keep', needs: v1.eligible_needs.join(',') }],
    ['parts', { key: 'A', mechanism: 'direct_payment', recipient: 'person', held_in: 'bank_account', manages: 'by_themself', manages_decided_by: 'Sam Patel', manages_decided_on: today }],
    ['lines', { description: 'Help to wash and dress each morning', supplier_kind: 'personal_assistant', supplier_name: 'Ann Bright', unit_cost: '15.00', cost_frequency: 'Hourly', planned_units_per_week: '10', service_type: 'Long Term Support: Community', service_component: 'Home Care', part: 'A', outcomes: '1', payee_relationship: 'not_related' }]
  ]) assert.equal((await worker.send('POST', `${at}/${p}`, { json })).status, 201, p)
  assert.equal((await worker.send('PUT', at, { json: { backup_cover: 'Her son stays over', who_to_call: 'Tom, 07700 900123', contingency_amount: '50.00', wellbeing: 'Being at home', prevention_advice: 'A falls check' } })).status, 200)
  await involve(worker, at, 'Dora Planner')
  assert.equal((await worker.send('POST', `${at}/submit`, { json: {} })).status, 200)

  // The manager approves it on the approvals page.
  const manager = await as('team.manager')
  const request = (await manager.request('GET', '/api/v1/approvals')).json().approvals.find(a => a.plan_id === v1.id)
  const decision = { decision: 'approve' }
  if (indicative !== 15000) Object.assign(decision, { variance_reason: 'needs_not_reflected', variance_text: 'She wants her own assistant.' })
  const managerPage = await signIn('team.manager')
  await managerPage.goto(`${server.url}/approvals/${request.id}`)
  await expectAccessible(managerPage, 'the approval request')
  assert.equal((await manager.send('POST', `/api/v1/approvals/${request.id}/decision`, { json: decision })).status, 200)

  // Finance: the agreement, the schedule from today, the bank details, and a
  // run prepared by one officer and approved by another.
  const finance = await as('finance')
  const checker = await as('finance.checker')
  assert.equal((await finance.send('POST', `/api/v1/people/${person}/budgets/1/agreements`, {
    json: { part_key: 'A', signed_on: today, signed_by: 'Dora Planner', first_payment_on: today, review_on: `${year + 1}-01-01` }
  })).status, 201)
  assert.equal((await finance.send('POST', `/api/v1/people/${person}/payment-schedules`, { json: { part_key: 'A', frequency: 'four_weekly', starts_on: today } })).status, 200)
  assert.equal((await finance.send('POST', `/api/v1/people/${person}/bank-details`, { json: { part_key: 'A', account_name: 'Dora Planner', sort_code: '20-32-53', account_number: '73849261' } })).status, 201)
  for (const draft of (await finance.request('GET', '/api/v1/payment-runs')).json().payment_runs.filter(r => r.state === 'draft')) {
    // The demo's own run waiting for a check goes first, as it would in an office.
    assert.equal((await checker.send('POST', `/api/v1/payment-runs/${draft.id}/approve`)).status, 200)
    assert.equal((await finance.send('POST', `/api/v1/payment-runs/${draft.id}/export?format=csv`)).status, 200)
  }
  const prepared = await finance.send('POST', '/api/v1/payment-runs', { json: { pay_up_to: today } })
  assert.equal(prepared.status, 201, prepared.text)
  const run = prepared.json()
  const doras = run.items.filter(i => i.transfer_id.startsWith(`pay:${person}:A:`))
  assert.deepEqual(doras.map(i => i.amount), ['600.00'], 'four weeks of £150.00')
  assert.equal((await finance.send('POST', `/api/v1/payment-runs/${run.id}/approve`)).status, 403, 'not by whoever prepared it')
  // The second officer checks it on the run's page and approves it there.
  const checkerPage = await signIn('finance.checker')
  await checkerPage.goto(`${server.url}/finance/payment-runs/${run.id}`)
  await expectAccessible(checkerPage, 'the payment run to check')
  await submit(checkerPage, 'Approve the run')
  assert.match(await checkerPage.getByTestId('run-state').textContent(), /Approved/)
  // The payment file is made, and the money moves in the ledger.
  assert.equal((await finance.send('POST', `/api/v1/payment-runs/${run.id}/export?format=csv`)).status, 200)

  // Dora's bank statement arrives and finance imports it on the account's
  // statements page: the council's £600.00 in (matched to the payment, not
  // posted again) and Ann Bright's first wages out (the demo council learned
  // that "A BRIGHT" is a personal assistant's wages).
  const account = (await finance.request('GET', `/api/v1/people/${person}/accounts`)).json().accounts.find(a => a.part_key === 'A')
  const financePage = await signIn('finance')
  await financePage.goto(`${server.url}/finance/accounts/${account.id}/statements`)
  await expectAccessible(financePage, 'the account\'s statements')
  await financePage.getByLabel('Statement file').setInputFiles({
    name: 'dora-planner.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Id,Date,Payee,Description,Reference,Amount,Balance\n' +
      `D-1,${today},NORTHSHIRE COUNCIL,Direct payment,,600.00,600.00\n` +
      `D-2,${today},A BRIGHT,Wages,,-150.00,450.00\n`)
  })
  await submit(financePage, 'Import the statement')
  assert.match(await financePage.getByTestId('import-result').textContent(), /Statement imported/)
  await expectAccessible(financePage, 'the statement imported')

  // Dora's own account, from her record, with a setup code on a letter.
  const given = await worker.send('POST', `/api/v1/people/${person}/access`, { json: { for: 'person' } })
  assert.equal(given.status, 201, given.text)
  const { username, setup_code: code } = given.json()
  const dora = await (await browser.newContext()).newPage()
  await dora.goto(server.url + '/account/setup')
  await expectAccessible(dora, 'set up your account')
  await dora.getByLabel('Username').fill(username)
  await dora.getByLabel('Setup code').fill(code)
  await dora.getByLabel('Choose a password').fill('my garden in spring')
  await dora.getByLabel('Type the password again').fill('my garden in spring')
  await submit(dora, 'Set my password and sign in')
  await expectAccessible(dora, 'the budget holder\'s home')

  // The same code again is refused, in plain words.
  const again = await (await browser.newContext()).newPage()
  await again.goto(server.url + '/account/setup')
  await again.getByLabel('Username').fill(username)
  await again.getByLabel('Setup code').fill(code)
  await again.getByLabel('Choose a password').fill('someone else tries')
  await again.getByLabel('Type the password again').fill('someone else tries')
  await submit(again, 'Set my password and sign in')
  assert.ok(await again.locator('.govuk-error-summary').isVisible(), 'a used code is refused')
  await expectAccessible(again, 'a used setup code refused')

  // The right amounts, to the penny.
  await Promise.all([dora.waitForNavigation(), dora.getByRole('link', { name: 'Your budget', exact: true }).first().click()])
  assert.match(await dora.getByTestId('budget-amount').textContent(), /£150\.00 a week[\s\S]*£7,800\.00 a year/)
  await expectAccessible(dora, 'Dora\'s budget')
  await dora.screenshot({ path: path.join(shots, 'journey-budget.png'), fullPage: true })
  await Promise.all([dora.waitForNavigation(), dora.getByRole('link', { name: 'Your money', exact: true }).click()])
  const money = await dora.getByTestId('money-part-A').textContent()
  assert.match(money, /Paid in\s*£600\.00/)
  assert.match(money, /Spent\s*£150\.00/)
  assert.match(money, /Personal assistants' wages: £150\.00/)
  assert.match(money, /A BRIGHT/)
  assert.match(money, /Money in the account now\s*£450\.00/)
  assert.match(money, /Money you may keep in reserve\s*£1,200\.00/)
  await expectAccessible(dora, 'Dora\'s money')
  await dora.screenshot({ path: path.join(shots, 'journey-money.png'), fullPage: true })

  // She asks for a review.
  await Promise.all([dora.waitForNavigation(), dora.getByRole('link', { name: 'Ask for a review', exact: true }).first().click()])
  await Promise.all([dora.waitForNavigation(), dora.getByRole('button', { name: 'Ask for a review' }).click()])
  await expectAccessible(dora, 'the review form')
  await dora.getByLabel('My support is not working').check()
  await dora.getByLabel('What has changed? (optional)').fill('Ann cannot come on Mondays any more.')
  await submit(dora, 'Send')
  assert.match(await dora.getByTestId('review-requests').textContent(), /Sent to your social worker/)
  await expectAccessible(dora, 'the review sent')

  // The worker sees it on their home page, and records it.
  await workerPage.goto(server.url + '/home')
  const due = workerPage.getByTestId('reviews-due').locator('tr', { hasText: 'Dora Planner' }).filter({ hasText: 'Review asked for by Dora Planner: Support is not working' })
  assert.equal(await due.count(), 1)
  await expectAccessible(workerPage, 'the worker\'s home with the request')
  const href = await due.getByRole('link').getAttribute('href')
  assert.equal(href, `/people/${person}/reviews`)
  await workerPage.goto(server.url + href)
  await expectAccessible(workerPage, 'the person\'s reviews')
  const requestRow = workerPage.getByTestId('person-reviews-due').locator('tr', { hasText: 'Review asked for by Dora Planner: Support is not working' })
  assert.equal(await requestRow.count(), 1, await workerPage.locator('main').innerHTML())
  const recordHref = await requestRow.getByRole('link').getAttribute('href')
  assert.match(recordHref, /\/reviews\/record\?review=request:\d+$/)
  await workerPage.goto(server.url + recordHref)
  await workerPage.getByLabel('Day').fill(String(day))
  await workerPage.getByLabel('Month').fill(String(month))
  await workerPage.getByLabel('Year').fill(String(year))
  await workerPage.getByLabel('The plan needs changing (a new version)').check()
  await workerPage.getByLabel('Notes (optional)').fill('A second assistant for Mondays.')
  await expectAccessible(workerPage, 'recording the review')
  await submit(workerPage, 'Record the review')

  await dora.reload()
  assert.match(await dora.getByTestId('review-requests').textContent(), /Done: your social worker looked at your support with you/)
  await expectAccessible(dora, 'the review done')
  const timeline = (await worker.request('GET', `/api/v1/people/${person}/events`)).json()
  assert.equal((timeline.events || timeline).filter(e => e.event_type === 'Review').length, 1)
})
