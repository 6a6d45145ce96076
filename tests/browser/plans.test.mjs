// A social worker builds a support plan with the person, one page at a time:
// starts it, adds an outcome in the person's words, a part of the budget and a
// costed support line, says what happens if things go wrong, sends it for
// approval and prints it; axe-core and the 320 px check on every page.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchChromium, expectAccessible, signIn } from '../support/browser.mjs'
import { demoDatabase, startServer, Client } from '../support/harness.mjs'

let server, browser
before(async () => {
  server = await startServer(demoDatabase())
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

const everyAnswer = {
  washing: 'some_help', dressing: 'painful', toilet: 'alone', meals: 'forgets', moving_home: 'falls', housework: 'some_help',
  seeing_people: 'fine', going_out: 'with_someone', occupation: 'not_wanted', caring_child: 'no', memory: 'often',
  safety: 'sometimes', carer_help: 'none'
}

// Eligible, with an indicative budget: set up over the API, as the assessment tests do it in full.
async function eligiblePerson () {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const person = (await worker.send('POST', '/api/v1/people', { json: { given_name: 'Winifred', family_name: 'Hale', date_of_birth: '1938-03-03' } })).json().id
  const aid = (await worker.send('POST', `/api/v1/people/${person}/assessments`, { json: { completed_with: 'Winifred' } })).json().id
  await worker.send('PATCH', `/api/v1/people/${person}/assessments/${aid}`, { json: { answers: everyAnswer, submit: true } })
  await worker.send('POST', `/api/v1/people/${person}/assessments/${aid}/confirmation`, { json: {} })
  const proposal = (await worker.request('GET', `/api/v1/people/${person}/eligibility`)).json().proposal
  const decided = await worker.send('POST', `/api/v1/people/${person}/eligibility`, {
    json: { assessment_id: aid, impairment_or_illness: true, significant_impact_on_wellbeing: true, impact_note: 'Falls.', method_of_assessment: 'Service user only', outcomes: proposal.findings.outcomes }
  })
  assert.equal(decided.status, 201, decided.text)
  assert.equal((await worker.send('POST', `/api/v1/people/${person}/allocations`, { json: { assessment_id: aid } })).status, 201)
  return { person, needs: proposal.findings.outcomes }
}

const h1 = async page => (await page.locator('h1').textContent()).trim()
async function submit (page, name) {
  await page.getByRole('button', { name }).click()
  await page.waitForLoadState('load')
}

test('a worker builds a support plan with the person, a manager approves it, and the budget letter shows its figures', async () => {
  const { person } = await eligiblePerson()
  const { context, page } = await signIn(browser, server, 'social.worker')

  await page.goto(`${server.url}/people/${person}/plans`)
  assert.equal(await h1(page), 'Support plans')
  await expectAccessible(page, 'list of plans')
  await page.getByRole('button', { name: 'Start a support plan' }).click()
  await expectAccessible(page, 'start a plan')
  await page.getByRole('radio', { name: 'Family or friends' }).check()
  await page.getByRole('radio', { name: 'Fully: the plan is in their own words' }).check()
  await submit(page, 'Start the plan')
  assert.equal(await h1(page), 'Support plan 1, version 1')
  await expectAccessible(page, 'new plan')

  await page.getByRole('link', { name: 'Add an outcome' }).click()
  await page.getByLabel('What does Winifred want, in their own words?').fill('I want to stay in my own home and keep my garden')
  await page.getByRole('radio', { name: 'Keep it as it is' }).check()
  // Submitting with no need chosen is named on the page.
  await submit(page, 'Add the outcome')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /at least one eligible need/)
  await expectAccessible(page, 'outcome form with errors')
  for (const box of await page.locator('input[name="needs"]').all()) await box.check()
  await submit(page, 'Add the outcome')

  await page.getByRole('link', { name: 'Add a part of the budget' }).click()
  await expectAccessible(page, 'part form')
  await page.getByLabel('A letter for this part').fill('A')
  await page.locator('input[name="mechanism"][value="council_managed"]').check()
  await submit(page, 'Add the part')

  await page.getByRole('link', { name: 'Add a support line' }).click()
  await expectAccessible(page, 'line form')
  await page.getByLabel('What is the support?').fill('Help to wash and dress each morning')
  await page.getByRole('radio', { name: 'A personal assistant' }).check()
  await page.getByLabel('Their name').fill('Ann Bright')
  await page.getByLabel('Cost', { exact: true }).fill('21.50')
  await page.getByLabel('How often is that cost paid?').selectOption('Hourly')
  await page.getByLabel('How many hours, days or sessions a week?').fill('10.25')
  await page.getByLabel('What the service is').selectOption('Home Care')
  await page.locator('input[name="part"][value="A"]').check()
  await page.locator('input[name="outcomes"][value="1"]').check()
  await submit(page, 'Add the support line')
  const main = await page.locator('main').textContent()
  assert.match(main, /£220\.38 a week, £11,459\.50 a year/)

  // Sending it without saying what happens if things go wrong is refused, naming it.
  await submit(page, 'Send the plan for approval')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /back-up cover/)
  await expectAccessible(page, 'plan with errors')
  await page.getByRole('link', { name: /Change who wrote the plan/ }).click()
  await page.getByLabel('What happens if the support cannot come?').fill('Her neighbour Joan looks in')
  await page.getByLabel('Who should they call?').fill('Joan, 07700 900456')
  await page.getByLabel(/What matters most to the person's well-being/).fill('Seeing Joan every day and keeping my garden')
  await page.getByLabel(/What advice was given on staying well/).fill('A falls check at the GP every year')
  await submit(page, 'Save')

  // Without Winifred recorded as involved and her agreement (or why not), it is refused, naming both.
  await submit(page, 'Send the plan for approval')
  const summary = await page.locator('.govuk-error-summary').textContent()
  assert.match(summary, /the law says they must be involved/)
  assert.match(summary, /agrees with the plan, or why agreement could not be reached/)
  await page.getByRole('link', { name: 'Add someone who was involved' }).click()
  await expectAccessible(page, 'who was involved')
  assert.equal(await page.getByLabel('Winifred Hale (the person)').isChecked(), true, 'the person is offered first, from her record')
  await page.getByLabel('How did they take part? (optional)').fill('At home, with her neighbour Joan')
  await submit(page, 'Add')
  assert.match(await page.locator('main').textContent(), /Winifred Hale: The person themself\. At home, with her neighbour Joan/)
  // The page for agreement that could not be reached: its empty reason is refused, then she agrees after all.
  await page.getByRole('link', { name: /agreement could not be reached/ }).click()
  await submit(page, 'Save')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /what was done to reach agreement/)
  await expectAccessible(page, 'agreement could not be reached, with an error')
  await page.getByRole('link', { name: 'Back' }).click()
  await page.getByRole('link', { name: /Record that Winifred agrees/ }).click()
  await page.getByLabel('The person themself').check()
  await page.getByLabel('Their name').fill('Winifred Hale')
  await submit(page, 'Record agreement')

  await submit(page, 'Send the plan for approval')
  assert.match(await page.locator('main').textContent(), /sent for approval/)
  assert.equal(await page.getByRole('link', { name: 'Add an outcome' }).count(), 0)
  await expectAccessible(page, 'submitted plan')

  await page.getByRole('link', { name: /ready to print/ }).click()
  assert.equal(await h1(page), "Winifred's support plan")
  const printed = await page.locator('main').textContent()
  // Care Act 2014 s.25(1)-(2), s.26: each of these is on the printed plan, in plain words.
  assert.match(printed, /Help to wash and dress each morning\. From Ann Bright/)
  assert.match(printed, /£21\.50 an hour, 10 hours 15 minutes a week\. That is £220\.38 a week/)
  assert.doesNotMatch(printed, /10\.25/)
  assert.match(printed, /Seeing Joan every day and keeping my garden/)
  assert.match(printed, /The needs the council must meet/)
  assert.match(printed, /met by support 1 \(help to wash and dress each morning\)/)
  assert.match(printed, /A falls check at the GP every year/)
  assert.match(printed, /The support costs £220\.38 a week/)
  assert.match(printed, /to be worked out by the financial assessment/)
  assert.match(printed, /Local Government and Social Care Ombudsman/)
  assert.match(printed, /Her neighbour Joan looks in/)
  assert.doesNotMatch(printed, /Part A/)
  await expectAccessible(page, 'printable plan')
  // Large type: the body text is at least 24px on screen for a reader with poor eyesight.
  const size = await page.locator('[data-testid="wellbeing"]').evaluate(e => parseFloat(getComputedStyle(e).fontSize))
  assert.ok(size >= 24, `body text is ${size}px`)
  await context.close()

  // The team manager approves it from the queue, after reading the plan itself.
  const { context: managerContext, page: manager } = await signIn(browser, server, 'team.manager')
  await manager.goto(server.url + '/approvals')
  await manager.getByRole('link', { name: /Winifred Hale/ }).click()
  await manager.waitForLoadState('load')
  assert.match(await manager.locator('main').textContent(), /£220\.38/)
  await manager.getByRole('link', { name: /Read the support plan/ }).click()
  assert.match(await manager.locator('main').textContent(), /Help to wash and dress each morning/)
  await manager.goBack()
  await manager.getByLabel('Approve the plan').check()
  const variance = manager.getByLabel('Why does the cost differ?')
  if (await variance.count()) {
    await variance.selectOption('needs_not_reflected')
    await manager.getByLabel('Explain in a few words').fill('Winifred wants her own assistant in the mornings.')
  }
  await submit(manager, 'Record the decision')
  assert.match(await manager.locator('main').textContent(), /Approved/)
  await expectAccessible(manager, 'the plan approved')

  // The budget letter the approval made states the plan's figures.
  await manager.goto(`${server.url}/people/${person}/budgets/1/letter`)
  const letter = await manager.locator('main').textContent()
  assert.match(letter, /£220\.38 a week/)
  // The budget is a weekly amount in whole pence, and its year 52 of those weeks (docs/budgets.md).
  assert.match(letter, /Over a year that is £11,459\.76/)
  assert.match(letter, /arranged by the council|council arranges/i)
  await expectAccessible(manager, 'the budget letter')

  // The approval scheduled the plan's first review; the manager records it.
  await manager.goto(`${server.url}/people/${person}/reviews`)
  assert.match(await manager.locator('main').textContent(), /First review of support plan 1 \(light-touch\)/)
  await expectAccessible(manager, 'reviews')
  await manager.getByRole('link', { name: /Record this review/ }).first().click()
  await expectAccessible(manager, 'record a review')
  await submit(manager, 'Record the review')
  assert.match(await manager.locator('.govuk-error-summary').textContent(), /what the review found/)
  await manager.getByLabel('No change: the plan is working').check()
  await manager.getByLabel('Notes (optional)').fill('Ann comes every morning; Winifred is pleased.')
  await submit(manager, 'Record the review')
  const reviews = await manager.locator('main').textContent()
  assert.match(reviews, /No change: the plan is working/)
  assert.match(reviews, /Review of support plan 1/)
  await expectAccessible(manager, 'reviews after one is recorded')
  await managerContext.close()
})
