// Shared by the planning tests: a person taken through the assessment as a
// worker would (self-assessment, confirmation, eligibility, indicative budget).
import assert from 'node:assert/strict'

export const everyAnswer = {
  washing: 'some_help', dressing: 'painful', toilet: 'alone', meals: 'forgets', moving_home: 'falls', housework: 'some_help',
  seeing_people: 'fine', going_out: 'with_someone', occupation: 'not_wanted', caring_child: 'no', memory: 'often',
  safety: 'sometimes', carer_help: 'none'
}

// A person with eligible needs and an indicative budget, as the assessment
// leaves them; `details` adds to or replaces the person's record fields.
export async function eligiblePerson (worker, given, details = {}) {
  const created = await worker.send('POST', '/api/v1/people', {
    json: { given_name: given, family_name: 'Planner', date_of_birth: '1941-02-03', dementia: 'Diagnosed', ...details }
  })
  assert.equal(created.status, 201, created.text)
  const person = created.json().id
  const started = await worker.send('POST', `/api/v1/people/${person}/assessments`, { json: { completed_with: given } })
  assert.equal(started.status, 201, started.text)
  const aid = started.json().id
  assert.equal((await worker.send('PATCH', `/api/v1/people/${person}/assessments/${aid}`, { json: { answers: everyAnswer, submit: true } })).status, 200)
  assert.equal((await worker.send('POST', `/api/v1/people/${person}/assessments/${aid}/confirmation`, { json: {} })).status, 200)
  const proposal = (await worker.request('GET', `/api/v1/people/${person}/eligibility`)).json().proposal
  const decided = await worker.send('POST', `/api/v1/people/${person}/eligibility`, {
    json: { assessment_id: aid, impairment_or_illness: true, significant_impact_on_wellbeing: true, impact_note: 'Falls.', method_of_assessment: 'Service user only', outcomes: proposal.findings.outcomes }
  })
  assert.equal(decided.status, 201, decided.text)
  const allocated = await worker.send('POST', `/api/v1/people/${person}/allocations`, { json: { assessment_id: aid } })
  assert.equal(allocated.status, 201, allocated.text)
  return { person, indicative: allocated.json().indicative_weekly_pence }
}


// Care Act 2014 s.25(3) and s.25(5): before a plan is sent, the person is
// recorded as involved (from their record) and their agreement, or why it
// could not be reached, is recorded. `agreedBy` records agreement too.
export async function involve (client, at, agreedBy) {
  const r = await client.send('POST', `${at}/involved`, { json: { from_record: 'person', how: 'At home, with the worker' } })
  assert.equal(r.status, 201, r.text)
  if (agreedBy) {
    const a = await client.send('POST', `${at}/agreement`, { json: { agreed_by_kind: 'person', agreed_by_name: agreedBy } })
    assert.equal(a.status, 200, a.text)
  }
}
