// A social worker records a new person, completes the self-assessment with the
// family over two sittings, confirms it, decides eligibility and works out the
// explained indicative budget, in Debian's Chromium, with axe-core on every page.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchChromium, expectAccessible, signIn } from '../support/browser.mjs'
import { demoDatabase, startServer, Client } from '../support/harness.mjs'
import { answerParts, demoAnswers } from '../support/self_assessment.mjs'

let server, browser
before(async () => {
  server = await startServer(demoDatabase())
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})


const h1 = async page => (await page.locator('h1').textContent()).trim()

async function submit (page, name) {
  await page.getByRole('button', { name }).click()
  await page.waitForLoadState('load')
}

test('from a new person to an explained indicative budget', async () => {
  const { context, page } = await signIn(browser, server, 'social.worker')

  await page.goto(server.url + '/people/new')
  await expectAccessible(page, 'new person form')
  // A wrong NHS number and a future date of birth are named on the page.
  await page.getByLabel('First name').fill('Edith')
  await page.getByLabel('Last name').fill('Barnes')
  await page.getByLabel('Day').first().fill('2')
  await page.getByLabel('Month').first().fill('6')
  await page.getByLabel('Year').first().fill('2039')
  await page.getByLabel('NHS number (if known)').fill('943 476 5918')
  await submit(page, 'Save and continue')
  assert.match(await page.title(), /^Error: /)
  const summary = await page.locator('.govuk-error-summary').textContent()
  assert.match(summary, /valid NHS number/)
  assert.match(summary, /today or in the past/)
  await expectAccessible(page, 'new person form with errors')
  await page.getByLabel('Year').first().fill('1939')
  await page.getByLabel('NHS number (if known)').fill('943 476 5919')
  await page.getByLabel('Postcode').fill('ns3 1ab')
  await page.getByRole('radio', { name: 'Diagnosed', exact: true }).check()
  await submit(page, 'Save and continue')
  assert.equal(await h1(page), 'Edith Barnes')
  assert.match(await page.locator('main').textContent(), /943 476 5919/)
  await expectAccessible(page, 'person record')

  await page.getByRole('link', { name: 'Add a carer or representative' }).click()
  await page.getByLabel('Their name').fill('Ruth Barnes')
  await page.getByLabel('Family carer').check()
  await page.getByLabel('The person agreed').check()
  await page.getByLabel('Day').fill('21')
  await page.getByLabel('Month').fill('11')
  await page.getByLabel('Year').fill('2026')
  await expectAccessible(page, 'relationship form')
  await submit(page, 'Save')
  assert.match(await page.locator('main').textContent(), /Ruth Barnes/)

  // Ruth is also Edith's unpaid carer: recording her offers her a carer's assessment.
  await page.getByRole('link', { name: 'Add an unpaid carer' }).click()
  await expectAccessible(page, 'unpaid carer form')
  await page.getByLabel('Their name').fill('Ruth Barnes')
  await page.getByLabel('Who are they to the person?').selectOption('daughter')
  await page.getByLabel('About how many hours a week do they spend caring?').fill('200')
  await page.getByRole('group', { name: 'Do they live with the person?' }).getByLabel('No').check()
  await submit(page, 'Save')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /hours caring a week must be a whole number from 0 to 168/)
  await expectAccessible(page, 'unpaid carer form with errors')
  await page.getByLabel('About how many hours a week do they spend caring?').fill('20')
  await page.getByRole('group', { name: 'What did they say?' }).getByLabel('Accepted: the carer wants an assessment').check()
  await submit(page, 'Save')
  assert.equal(await h1(page), 'Edith Barnes')
  assert.match(await page.locator('.govuk-warning-text').textContent(), /Arrange a carer's assessment for Ruth Barnes/)
  assert.match(await page.locator('main').textContent(), /20 hours a week\. Lives elsewhere\./)
  await expectAccessible(page, 'person record with a carer')

  // First sitting: two parts, then stop.
  await page.getByRole('link', { name: 'Start a self-assessment' }).click()
  await page.getByLabel('Who is filling it in?').fill('Edith with her daughter Ruth')
  await expectAccessible(page, 'start assessment')
  await submit(page, 'Start')
  assert.equal(await h1(page), 'Self-assessment')
  await expectAccessible(page, 'assessment task list')
  await page.getByRole('link', { name: 'Personal care' }).click()
  await expectAccessible(page, 'personal care questions')
  await page.getByRole('group', { name: 'How do you manage washing and bathing?' }).getByLabel('I need some help').check()
  await page.getByRole('group', { name: 'How do you manage getting dressed?' }).getByLabel('I manage, but it causes me a lot of pain').check()
  await page.getByRole('group', { name: 'How do you manage going to the toilet?' }).getByLabel('I manage on my own').check()
  await submit(page, 'Save and go back to the list')
  assert.match(await page.locator('.govuk-task-list').textContent(), /Personal care\s+Completed/)

  // Second sitting: the rest.
  // Personal care was answered in the first sitting; help from family is Ruth's.
  await answerParts(page, demoAnswers({
    'Personal care': null,
    'Help from family and friends': [['How much help do you get from family or friends, unpaid?', 'Some help each week']]
  }))
  await submit(page, 'Send to the social worker')
  assert.match(await page.locator('main').textContent(), /sent to the social worker/)

  await page.getByRole('button', { name: 'Check and confirm the answers' }).click()
  await expectAccessible(page, 'confirm answers')
  // Ruth has said she will go on helping with meals (Care Act s.18(7)): only that need's share is counted.
  const ruth = page.getByRole('group', { name: 'Which needs has Ruth Barnes said they are willing and able to go on helping with?' })
  await ruth.getByLabel('Eating and drinking').check()
  await submit(page, 'Confirm the answers')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /Enter the date the carer said so/)
  await expectAccessible(page, 'confirm answers with errors')
  await page.getByRole('group', { name: 'When did they say so?' }).getByLabel('Day').fill('21')
  await page.getByRole('group', { name: 'When did they say so?' }).getByLabel('Month').fill('11')
  await page.getByRole('group', { name: 'When did they say so?' }).getByLabel('Year').fill('2026')
  await submit(page, 'Confirm the answers')
  assert.equal(await h1(page), 'Decide eligibility')
  await expectAccessible(page, 'eligibility form')
  // The proposal from the answers is already filled in; the worker adds the two conditions.
  await page.getByRole('group', { name: /impairment or illness/ }).getByLabel('Yes').check()
  await page.getByRole('group', { name: /significant impact on their well-being/ }).getByLabel('Yes').check()
  await page.getByLabel('Why? (in words the person will read in their letter)').fill('Edith has fallen twice and often forgets to eat.')
  await page.getByRole('group', { name: 'Who took part in the assessment?' }).getByLabel('The person and their carer together').check()
  await submit(page, 'Record the decision')
  assert.equal(await h1(page), 'Eligibility decision')
  assert.match(await page.locator('.govuk-panel').textContent(), /Eligible needs/)
  assert.match(await page.locator('main').textContent(), /unable to achieve 6 of the ten outcomes/)
  await expectAccessible(page, 'eligibility decision')

  await submit(page, 'Work out the indicative budget')
  assert.equal(await h1(page), 'Edith Barnes')
  // washing 6 + dressing 3 + meals 5 + moving 5 + housework 3 + going out 4 + memory 6 + safety 3 = 35 points
  // 35 x £5.20 = £182.00; meals scored 5 of the 35 points, so their share is £26.00, which Ruth meets: £156.00.
  assert.match(await page.locator('.govuk-panel').textContent(), /£156\.00 a week/)
  const explanation = await page.locator('ol.govuk-list--number').textContent()
  assert.match(explanation, /35 points × £5\.20 a point = £182\.00 a week/)
  assert.match(explanation, /Ruth Barnes has said she is willing and able to go on helping with eating and drinking\./)
  assert.match(explanation, /Those needs scored 5 of your 35 points, so they are £26\.00 of the £182\.00/)
  assert.doesNotMatch(explanation, /the more/i)
  await expectAccessible(page, 'person record with budget')

  // Later she moves into a care home: the change takes effect from the date the
  // worker gives, and the record lists every change with its date.
  await page.getByRole('link', { name: /Change details/ }).click()
  await expectAccessible(page, 'change details form')
  await page.getByLabel('Where they live').selectOption('Registered care home')
  const yesterday = new Date(Date.now() - 86400000)
  const when = page.getByRole('group', { name: 'When did these changes take effect?' })
  await when.getByLabel('Day').fill(String(yesterday.getUTCDate()))
  await when.getByLabel('Month').fill(String(yesterday.getUTCMonth() + 1))
  await when.getByLabel('Year').fill(String(yesterday.getUTCFullYear()))
  await submit(page, 'Save changes')
  assert.equal(await h1(page), 'Edith Barnes')
  const changes = await page.getByRole('region', { name: 'Changes over time' }).textContent()
  assert.match(changes, /Where they live: Care home/)
  assert.match(changes, /Dementia: Diagnosed/)
  await expectAccessible(page, 'person record with changes over time')

  await page.getByRole('link', { name: 'Eligible needs' }).click()
  await page.getByRole('link', { name: /decision letter/ }).click()
  assert.equal(await h1(page), 'Your care and support: our decision')
  const letter = await page.locator('main').textContent()
  assert.match(letter, /Dear Edith Barnes,/)
  assert.match(letter, /£156\.00 a week/)
  assert.match(letter, /You have eligible needs/)
  assert.match(letter, /depends on a financial assessment/)
  assert.match(letter, /not the amount the council will pay/)
  assert.match(letter, /ask us to look at this decision again/)
  assert.match(letter, /Sam Patel/)
  assert.doesNotMatch(letter, /the person/)
  await expectAccessible(page, 'decision letter')
  await page.emulateMedia({ media: 'print' })
  assert.equal(await page.locator('.govuk-service-navigation').isVisible(), false, 'navigation is not printed')
  await context.close()
})

test('the administrator sees and recalibrates the RAS model', async () => {
  const { context, page } = await signIn(browser, server, 'admin')
  await page.goto(server.url + '/configuration')
  await expectAccessible(page, 'configuration')
  await page.getByLabel('RAS model (JSON)').fill('{"name": "broken"')
  await submit(page, 'Load RAS model')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /not valid JSON/)
  await expectAccessible(page, 'configuration with errors')
  await page.getByLabel('RAS model (JSON)').fill(JSON.stringify({ name: 'Cheaper points', version: 2, method: 'price_per_point', price_per_point: '4.00' }))
  await submit(page, 'Load RAS model')
  await submit(page, 'See the effect of version 2')
  assert.equal(await h1(page), 'Effect of the new model')
  // The administrator does not open people's records: the groups, but no names.
  assert.match(await page.locator('main').textContent(), /not named here because your role does not open their records/)
  assert.match(await page.locator('main').textContent(), /Change by dementia/)
  await expectAccessible(page, 'recalibration')
  const effectUrl = page.url()
  await context.close()

  // A team manager sees the same effect with each person named and linked.
  const { context: managerContext, page: manager } = await signIn(browser, server, 'team.manager')
  await manager.goto(effectUrl)
  assert.equal(await h1(manager), 'Effect of the new model')
  assert.ok(await manager.getByRole('link', { name: 'Edith Barnes' }).isVisible())
  assert.equal(await manager.getByRole('button', { name: 'Apply the new model' }).count(), 0, 'only administrators apply a model')
  await expectAccessible(manager, 'recalibration for a team manager')
  await managerContext.close()
})

test('the budget holder fills in their own assessment and sees their budget explained', async () => {
  // Joseph Okafor (person 2) answers for himself; his social worker confirms and decides.
  const joseph = new Client(server)
  await joseph.signIn('budget.holder')
  const started = await joseph.send('POST', '/api/v1/people/2/assessments', { json: { completed_with: 'Joseph on his own' } })
  assert.equal(started.status, 201, started.text)
  const id = started.json().id
  const answers = {
    washing: 'some_help', dressing: 'painful', toilet: 'alone', meals: 'forgets', moving_home: 'falls', housework: 'some_help',
    seeing_people: 'fine', going_out: 'with_someone', occupation: 'not_wanted', caring_child: 'no', memory: 'often',
    safety: 'sometimes', carer_help: 'none'
  }
  assert.equal((await joseph.send('PATCH', `/api/v1/people/2/assessments/${id}`, { json: { answers, submit: true } })).status, 200)
  const worker = new Client(server)
  await worker.signIn('social.worker')
  assert.equal((await worker.send('POST', `/api/v1/people/2/assessments/${id}/confirmation`, { json: {} })).status, 200)
  const proposal = (await worker.request('GET', '/api/v1/people/2/eligibility')).json().proposal
  const decided = await worker.send('POST', '/api/v1/people/2/eligibility', {
    json: { assessment_id: id, impairment_or_illness: true, significant_impact_on_wellbeing: true, outcomes: proposal.findings.outcomes,
      method_of_assessment: 'Service user only' }
  })
  assert.equal(decided.status, 201, decided.text)
  assert.equal((await worker.send('POST', '/api/v1/people/2/allocations', { json: { assessment_id: id } })).status, 201)

  const { context, page } = await signIn(browser, server, 'budget.holder')
  // 35 points x £5.20 = £182.00, and no reduction: no carer has said they will meet any of Joseph's needs.
  assert.match(await page.locator('.govuk-panel').textContent(), /Your indicative budget is £182\.00 a week/)
  assert.doesNotMatch(await page.locator('ol.govuk-list--number').textContent(), /carer/i)
  await expectAccessible(page, 'budget holder home with budget')
  await context.close()
})

test('a not-eligible letter to a welfare attorney gives the information and advice itself', async () => {
  // Margaret Ellis (person 1) lacks capacity for care and support decisions;
  // her daughter is her attorney for health and welfare.
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const rel = await worker.send('POST', '/api/v1/people/1/relationships', {
    json: { name: 'Sarah Ellis', role: 'lpa_health_welfare', basis: 'registered_lpa', recorded_on: '2026-11-01' }
  })
  assert.equal(rel.status, 201, rel.text)
  const cap = await worker.send('POST', '/api/v1/people/1/capacity-assessments', {
    json: { decision_kind: 'care_and_support', assessed_on: '2026-11-02', outcome: 'lacks_capacity', assessed_by: 'Sam Patel' }
  })
  assert.equal(cap.status, 201, cap.text)
  const started = await worker.send('POST', '/api/v1/people/1/assessments', { json: { completed_with: 'Margaret and her daughter Sarah' } })
  const id = started.json().id
  const answers = {
    washing: 'alone', dressing: 'alone', toilet: 'alone', meals: 'alone', moving_home: 'alone', housework: 'alone',
    seeing_people: 'fine', going_out: 'alone', occupation: 'not_wanted', caring_child: 'no', memory: 'sometimes',
    safety: 'no', carer_help: 'none'
  }
  const saved = await worker.send('PATCH', `/api/v1/people/1/assessments/${id}`, { json: { answers, submit: true } })
  assert.equal(saved.status, 200, saved.text)
  assert.equal((await worker.send('POST', `/api/v1/people/1/assessments/${id}/confirmation`, { json: {} })).status, 200)
  const proposal = (await worker.request('GET', '/api/v1/people/1/eligibility')).json().proposal
  const decided = await worker.send('POST', '/api/v1/people/1/eligibility', {
    json: { assessment_id: id, impairment_or_illness: true, significant_impact_on_wellbeing: false, outcomes: proposal.findings.outcomes,
      method_of_assessment: 'Service user and carer', information_given: 'The memory cafe at the library meets on Thursday mornings.' }
  })
  assert.equal(decided.status, 201, decided.text)
  assert.equal(decided.json().eligible, false)

  const { context, page } = await signIn(browser, server, 'social.worker')
  await page.goto(`${server.url}/people/1/eligibility/${decided.json().id}/letter`)
  assert.equal(await h1(page), 'Care and support for Margaret Ellis: our decision')
  const letter = await page.locator('main').textContent()
  assert.match(letter, /Dear Sarah Ellis,/)
  assert.match(letter, /on behalf of Margaret Ellis/)
  assert.match(letter, /Margaret's needs are not eligible/)
  assert.match(letter, /The memory cafe at the library meets on Thursday mornings\./)
  assert.match(letter, /Age UK/, "the council's standard information follows the worker's")
  assert.doesNotMatch(letter, /can still tell you about help/, 'the advice itself, not an offer of it')
  await expectAccessible(page, 'not-eligible letter to an attorney')
  await context.close()
})
