// National codes and the decision letter, over real HTTP on both back ends:
// Event_Outcome in either release (stored as release 2, unknown values refused
// by name), an eligibility decision taken again superseding the first and its
// timeline event, the contradictions and the information-and-advice rule, and
// the letter going to the right person with the worker's phone.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client, auditEntries } from '../support/harness.mjs'

let server
before(async () => { server = await startServer(demoDatabase()) })
after(async () => { await server.stop() })

const everyAnswer = {
  washing: 'some_help', dressing: 'painful', toilet: 'some_help', meals: 'forgets', moving_home: 'falls', housework: 'some_help',
  seeing_people: 'fine', going_out: 'with_someone', occupation: 'not_wanted', caring_child: 'no', memory: 'often',
  safety: 'sometimes', carer_help: 'some'
}

// A new person with a confirmed assessment, ready for a decision.
async function confirmedAssessment (worker, name, extra = {}) {
  const created = await worker.send('POST', '/api/v1/people', {
    json: { given_name: name, family_name: 'Hartley', date_of_birth: '1938-02-11', gender: 'Female', postcode: 'NS2 5QT', ...extra }
  })
  assert.equal(created.status, 201, created.text)
  const person = created.json()
  const started = await worker.send('POST', `/api/v1/people/${person.id}/assessments`, { json: { completed_with: `${name} alone` } })
  assert.equal(started.status, 201, started.text)
  const a = started.json()
  const saved = await worker.send('PATCH', `/api/v1/people/${person.id}/assessments/${a.id}`, { json: { answers: everyAnswer, submit: true } })
  assert.equal(saved.status, 200, saved.text)
  const confirmed = await worker.send('POST', `/api/v1/people/${person.id}/assessments/${a.id}/confirmation`, { json: { answers: {} } })
  assert.equal(confirmed.status, 200, confirmed.text)
  const proposal = (await worker.request('GET', `/api/v1/people/${person.id}/eligibility`)).json().proposal
  return { person, assessment: a, outcomes: proposal.findings.outcomes }
}

const noneUnachieved = outcomes => Object.fromEntries(Object.keys(outcomes).map(k => [k, { achieved: true, reasons: [] }]))

test(`Event_Outcome: release 1 accepted and stored as release 2, unknown values refused by name (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const created = await worker.send('POST', '/api/v1/people', { json: { given_name: 'Ivy', family_name: 'Codes', date_of_birth: '1940-01-01' } })
  const id = created.json().id
  const base = { event_type: 'Review', start_date: '2026-11-20', description: 'Annual review' }

  const r1 = await worker.send('POST', `/api/v1/people/${id}/events`, { json: { ...base, outcome: 'NFA - Deceased' } })
  assert.equal(r1.status, 201, r1.text)
  assert.equal(r1.json().event_outcome, 'NFA: Deceased')
  const r2 = await worker.send('POST', `/api/v1/people/${id}/events`, { json: { ...base, outcome: 'NFA: Deceased' } })
  assert.equal(r2.status, 201, r2.text)
  assert.equal(r2.json().event_outcome, 'NFA: Deceased')
  const other = await worker.send('POST', `/api/v1/people/${id}/events`, { json: { ...base, outcome: 'NFA- Other' } })
  assert.equal(other.json().event_outcome, 'NFA: Other')

  for (const unknown of ['NFA - Moved to the moon', 'NFA: Moved to the moon']) {
    const refused = await worker.send('POST', `/api/v1/people/${id}/events`, { json: { ...base, outcome: unknown } })
    assert.equal(refused.status, 422, unknown)
    assert.deepEqual(refused.json().errors.map(e => e.field), ['outcome'])
    assert.ok(refused.json().errors[0].message.includes(unknown))
  }
  // An Assessment event names its national type and method; an unknown one is refused by name.
  const badAssessment = await worker.send('POST', `/api/v1/people/${id}/events`, {
    json: { ...base, event_type: 'Assessment', assessment_type: 'Long Term Support Needs Assessment', method_of_assessment: 'Service user only' }
  })
  assert.equal(badAssessment.status, 422)
  assert.deepEqual(badAssessment.json().errors.map(e => e.field), ['assessment_type'])
  const events = (await worker.request('GET', `/api/v1/people/${id}/events`)).json().events
  assert.deepEqual(events.map(e => e.event_outcome), ['NFA: Deceased', 'NFA: Deceased', 'NFA: Other'])
})

test(`contradictions and missing information and advice are refused, nothing stored (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const { person, assessment, outcomes } = await confirmedAssessment(worker, 'Rose')
  const contradictory = structuredClone(outcomes)
  contradictory.nutrition = { achieved: false, reasons: ['needs_assistance', 'takes_significantly_longer'] }
  const refused = await worker.send('POST', `/api/v1/people/${person.id}/eligibility`, {
    json: { assessment_id: assessment.id, impairment_or_illness: true, significant_impact_on_wellbeing: true,
      method_of_assessment: 'Service user only', outcomes: contradictory }
  })
  assert.equal(refused.status, 422)
  assert.deepEqual(refused.json().errors.map(e => e.field), ['nutrition_reasons'])
  assert.match(refused.json().errors[0].message, /Managing and maintaining nutrition/)

  const noAdvice = await worker.send('POST', `/api/v1/people/${person.id}/eligibility`, {
    json: { assessment_id: assessment.id, impairment_or_illness: true, significant_impact_on_wellbeing: false,
      method_of_assessment: 'Service user only', outcomes: noneUnachieved(outcomes) }
  })
  assert.equal(noAdvice.status, 422)
  assert.deepEqual(noAdvice.json().errors.map(e => e.field), ['information_given'])

  const noMethod = await worker.send('POST', `/api/v1/people/${person.id}/eligibility`, {
    json: { assessment_id: assessment.id, impairment_or_illness: true, significant_impact_on_wellbeing: true, outcomes }
  })
  assert.equal(noMethod.status, 422)
  assert.deepEqual(noMethod.json().errors.map(e => e.field), ['method_of_assessment'])

  assert.equal((await worker.request('GET', `/api/v1/people/${person.id}/eligibility`)).json().decisions.length, 0)
  assert.equal((await worker.request('GET', `/api/v1/people/${person.id}/events`)).json().events.length, 0)
})

test(`deciding again supersedes the first decision and its event, history kept (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const { person, assessment, outcomes } = await confirmedAssessment(worker, 'Violet')
  const first = await worker.send('POST', `/api/v1/people/${person.id}/eligibility`, {
    json: { assessment_id: assessment.id, impairment_or_illness: true, significant_impact_on_wellbeing: false,
      method_of_assessment: 'Service user only', outcomes: noneUnachieved(outcomes),
      information_given: 'The Tuesday lunch club at St Anne\'s hall.\nA grab rail from the equipment service.' }
  })
  assert.equal(first.status, 201, first.text)
  assert.equal(first.json().eligible, false)
  const second = await worker.send('POST', `/api/v1/people/${person.id}/eligibility`, {
    json: { assessment_id: assessment.id, impairment_or_illness: true, significant_impact_on_wellbeing: true,
      method_of_assessment: 'Service user only', outcomes }
  })
  assert.equal(second.status, 201, second.text)
  assert.equal(second.json().eligible, true)

  const decisions = (await worker.request('GET', `/api/v1/people/${person.id}/eligibility`)).json().decisions
  assert.equal(decisions.length, 2, 'both decisions are kept')
  const [latest, earlier] = decisions
  assert.equal(latest.current, true)
  assert.equal(earlier.current, false)
  assert.equal(earlier.superseded_by, latest.id)

  const events = (await worker.request('GET', `/api/v1/people/${person.id}/events`)).json().events
  assert.equal(events.length, 2)
  const current = events.filter(e => e.superseded_by === null)
  assert.equal(current.length, 1, 'one current Assessment event for one assessment')
  assert.equal(current[0].event_outcome, 'Progress to support planning or services')
  const replaced = events.find(e => e.superseded_by !== null)
  assert.equal(replaced.event_outcome, 'NFA: Information and advice or signposting')
  assert.equal(replaced.superseded_by, current[0].id)
  assert.equal(earlier.event_id, replaced.id)

  // The earlier decision's page says it was replaced; the budget follows the current decision.
  const page = await worker.request('GET', `/people/${person.id}/eligibility/${earlier.id}`)
  assert.match(page.text, /This decision was replaced by/)
  const allocated = await worker.send('POST', `/api/v1/people/${person.id}/allocations`, { json: { assessment_id: assessment.id } })
  assert.equal(allocated.status, 201, allocated.text)

  const trail = await auditEntries(server, `?person_id=${person.id}`)
  // Each decision was audited (the allocation and the page's checks are too, so at least two).
  assert.ok(trail.filter(e => e.action === 'confirm_eligibility' && e.outcome === 'allowed').length >= 2)
})

test(`the letter goes to the welfare attorney for a person who lacks capacity, with the worker's phone (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const admin = new Client(server)
  await admin.signIn('admin')

  const { person, assessment, outcomes } = await confirmedAssessment(worker, 'Dora')
  const letterFor = async () => {
    const decided = (await worker.request('GET', `/api/v1/people/${person.id}/eligibility`)).json().decisions[0]
    return (await worker.request('GET', `/people/${person.id}/eligibility/${decided.id}/letter`)).text
  }
  const decided = await worker.send('POST', `/api/v1/people/${person.id}/eligibility`, {
    json: { assessment_id: assessment.id, impairment_or_illness: true, significant_impact_on_wellbeing: true,
      method_of_assessment: 'Service user and carer', outcomes }
  })
  assert.equal(decided.status, 201, decided.text)
  // Without a work phone the worker is warned before printing (the warning is not printed).
  const me = (await worker.request('GET', '/api/v1/me')).json()
  const before = await letterFor()
  assert.match(before, /No work phone is recorded for/)
  const phone = await admin.request('POST', `/users/${me.id}/phone`, { form: { csrf_token: admin.csrf, work_phone: '01632 960 123' } })
  assert.equal(phone.status, 303, phone.text)
  const badPhone = await admin.request('POST', `/users/${me.id}/phone`, { form: { csrf_token: admin.csrf, work_phone: 'ring me' } })
  assert.equal(badPhone.status, 422)
  // With capacity assumed, the letter is to Dora, in her own voice.
  let letter = await letterFor()
  assert.doesNotMatch(letter, /No work phone is recorded/)
  assert.match(letter, /Dear Dora Hartley,/)
  assert.match(letter, /You have eligible needs/)
  assert.match(letter, /01632 960 123/)
  assert.match(letter, /financial assessment/)
  assert.match(letter, /not the amount the council will pay/)
  assert.match(letter, /Ombudsman/)
  assert.doesNotMatch(letter, /regulation/i)

  const attorney = await worker.send('POST', `/api/v1/people/${person.id}/relationships`, {
    json: { name: 'Grace Hartley', role: 'lpa_health_welfare', basis: 'registered_lpa', recorded_on: '2026-11-01' }
  })
  assert.equal(attorney.status, 201, attorney.text)
  const capacity = await worker.send('POST', `/api/v1/people/${person.id}/capacity-assessments`, {
    json: { decision_kind: 'care_and_support', assessed_on: '2026-11-02', outcome: 'lacks_capacity', assessed_by: 'Sam Patel' }
  })
  assert.equal(capacity.status, 201, capacity.text)
  letter = await letterFor()
  assert.match(letter, /Dear Grace Hartley,/)
  assert.match(letter, /on behalf of Dora Hartley/)
  assert.match(letter, /Dora has eligible needs/)
  assert.match(letter, /Dora&apos;s attorney for health and welfare, because an assessment on 2 November 2026 found/)
})

test(`a not-eligible letter gives the worker's advice and the council's own standard information (${backend})`, async () => {
  const admin = new Client(server)
  await admin.signIn('admin')
  const saved = await admin.request('POST', '/configuration/information', {
    form: { csrf_token: admin.csrf, standard_information: 'Northshire Connect (01632 960 900) finds clubs and groups near you.\nNorthshire libraries lend equipment.' }
  })
  assert.equal(saved.status, 303, saved.text)
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const { person, assessment, outcomes } = await confirmedAssessment(worker, 'Lily')
  // First found eligible, with an indicative budget worked out...
  const first = await worker.send('POST', `/api/v1/people/${person.id}/eligibility`, {
    json: { assessment_id: assessment.id, impairment_or_illness: true, significant_impact_on_wellbeing: true,
      method_of_assessment: 'Service user only', outcomes }
  })
  assert.equal(first.status, 201, first.text)
  const budget = await worker.send('POST', `/api/v1/people/${person.id}/allocations`, { json: { assessment_id: assessment.id } })
  assert.equal(budget.status, 201, budget.text)
  // ...then decided again: not eligible. That letter never quotes the budget.
  const decided = await worker.send('POST', `/api/v1/people/${person.id}/eligibility`, {
    json: { assessment_id: assessment.id, impairment_or_illness: true, significant_impact_on_wellbeing: false,
      method_of_assessment: 'Service user only', outcomes: noneUnachieved(outcomes), information_given: 'The chair-based exercise class at Lily\'s GP surgery.' }
  })
  assert.equal(decided.status, 201, decided.text)
  const letter = (await worker.request('GET', `/people/${person.id}/eligibility/${decided.json().id}/letter`)).text
  assert.match(letter, /The chair-based exercise class/)
  assert.match(letter, /Northshire Connect \(01632 960 900\)/)
  assert.match(letter, /Northshire libraries lend equipment/)
  assert.doesNotMatch(letter, /Age UK/, "the council's text replaces the default")
  assert.doesNotMatch(letter, /financial assessment/, 'no charging section when nothing is arranged')
  assert.doesNotMatch(letter, /likely cost of support|indicative budget/, 'a not-eligible letter quotes no budget')
  const trail = await auditEntries(server, '?action=set_standard_information')
  assert.ok(trail.some(e => e.action === 'set_standard_information'))
})
