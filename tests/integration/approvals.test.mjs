// Approval by delegated authority (#15): the queue each approver sees, approve,
// refuse with reasons, return with questions, a decision over the approver's
// limit refused naming it, the variance reason, finance's acknowledgement, the
// thresholds and the decision-time report; another council's requests are not
// found, and roles that do not approve are refused. Every demo request is a
// real support plan the demo sent for approval (src/app/demo.cpp).
// Run on both back ends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { backend, demoDatabase, startServer, Client, auditEntries, csrfFrom, run } from '../support/harness.mjs'

let server, db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

async function as (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

async function queueOf (client) {
  const r = await client.request('GET', '/api/v1/approvals')
  assert.equal(r.status, 200, r.text)
  return r.json().approvals
}

const byName = (queue, name) => queue.find(a => a.person.name.startsWith(name))

test(`each approver's queue holds the plans within their limit (${backend})`, async () => {
  const manager = await queueOf(await as('team.manager'))
  // Dorothy £412.50, Joseph £240.00 and Grace's interim £180.00 (within the
  // interim limit); not Margaret (£912.50, over £800).
  assert.deepEqual(manager.map(a => a.person.name).sort(), ['Dorothy Hughes', 'Grace Williams', 'Joseph Okafor'])
  assert.equal(byName(manager, 'Dorothy').weekly_cost_pence, 41250)
  assert.equal(byName(manager, 'Dorothy').indicative_weekly_pence, 38000)
  // Her riser chair is a one-off cost, kept apart and weighed as £10.00 a week (£520 / 52).
  assert.equal(byName(manager, 'Dorothy').one_off_cost_pence, 52000)
  assert.equal(byName(manager, 'Dorothy').weighed_weekly_cost_pence, 42250)
  assert.equal(byName(manager, 'Dorothy').queued_for, 'team_manager')
  const head = await queueOf(await as('head.of.service'))
  assert.deepEqual(head.map(a => a.person.name).sort(), ['Dorothy Hughes', 'Grace Williams', 'Joseph Okafor', 'Margaret Ellis'])
  assert.equal(byName(head, 'Margaret').queued_for, 'head_of_service')
  // The social worker: allocated people only, up to £300, not Grace's plan,
  // which she started (its author, whoever sent it: authors only to £150).
  const worker = await queueOf(await as('social.worker'))
  assert.deepEqual(worker.map(a => a.person.name).sort(), ['Joseph Okafor'])
  assert.equal(byName(manager, 'Grace').interim, true)
  // People shown in the queue are audited as listed.
  const trail = await auditEntries(server, '?username=head.of.service')
  assert.ok(trail.some(e => e.action === 'list_person' && /approval queue/.test(e.reason)), JSON.stringify(trail.slice(0, 5)))
  assert.ok(trail.some(e => e.action === 'view_approvals' && e.outcome === 'allowed'), JSON.stringify(trail.slice(0, 5)))
})

test(`a decision over the approver's limit is refused naming the limit, and nothing changes (${backend})`, async () => {
  const head = await as('head.of.service')
  const margaret = byName(await queueOf(head), 'Margaret')
  const manager = await as('team.manager')
  const shown = (await manager.request('GET', `/api/v1/approvals/${margaret.id}`)).json()
  assert.equal(shown.you_may_decide, false)
  assert.equal(shown.why_not, 'Your limit as a team manager is £800.00 a week; this plan costs £912.50 a week.')
  for (const decision of ['approve', 'refuse', 'return']) {
    const r = await manager.send('POST', `/api/v1/approvals/${margaret.id}/decision`, { json: { decision, reasons: 'x' } })
    assert.equal(r.status, 403, r.text)
    assert.equal(r.json().detail, 'Your limit as a team manager is £800.00 a week; this plan costs £912.50 a week.')
  }
  assert.equal((await manager.request('GET', `/api/v1/approvals/${margaret.id}`)).json().status, 'pending')
  const trail = await auditEntries(server, `?person_id=${margaret.person_id}`)
  assert.ok(trail.some(e => e.action === 'decide_approval' && e.outcome === 'refused' && /£800\.00/.test(e.reason)), JSON.stringify(trail.slice(0, 5)))
  // The head of service, with no upper limit, approves it under version 2.
  const approved = await head.send('POST', `/api/v1/approvals/${margaret.id}/decision`, { json: { decision: 'approve' } })
  assert.equal(approved.status, 200, approved.text)
  assert.equal(approved.json().status, 'approved')
  assert.equal(approved.json().decided_as, 'head_of_service')
  assert.equal(approved.json().thresholds_version, 2)
  // Decided once: a second decision is a conflict.
  const again = await head.send('POST', `/api/v1/approvals/${margaret.id}/decision`, { json: { decision: 'refuse', reasons: 'No.' } })
  assert.equal(again.status, 409, again.text)
})

test(`approving a cost that differs from the indicative amount needs the reason; finance acknowledges it once (${backend})`, async () => {
  const manager = await as('team.manager')
  const dorothy = byName(await queueOf(manager), 'Dorothy')
  const bare = await manager.send('POST', `/api/v1/approvals/${dorothy.id}/decision`, { json: { decision: 'approve' } })
  assert.equal(bare.status, 422, bare.text)
  assert.equal(bare.json().errors[0].field, 'variance_reason')
  assert.match(bare.json().errors[0].message, /£412\.50 a week and the indicative amount was £380\.00/)
  const noWords = await manager.send('POST', `/api/v1/approvals/${dorothy.id}/decision`, { json: { decision: 'approve', variance_reason: 'needs_changed' } })
  assert.equal(noWords.status, 422)
  assert.equal(noWords.json().errors[0].field, 'variance_text')
  const unknown = await manager.send('POST', `/api/v1/approvals/${dorothy.id}/decision`, { json: { decision: 'approve', amount: '1' } })
  assert.equal(unknown.status, 422)
  assert.equal(unknown.json().errors[0].field, 'amount')
  assert.equal((await manager.request('GET', `/api/v1/approvals/${dorothy.id}`)).json().status, 'pending', 'nothing stored')
  const approved = await manager.send('POST', `/api/v1/approvals/${dorothy.id}/decision`, {
    json: { decision: 'approve', variance_reason: 'needs_changed', variance_text: 'A second visit each evening since her fall.' }
  })
  assert.equal(approved.status, 200, approved.text)
  assert.equal(approved.json().variance_reason, 'needs_changed')
  assert.equal(approved.json().needs_finance_acknowledgement, true)
  assert.ok(approved.json().decided_at)
  const trail = await auditEntries(server, `?person_id=${dorothy.person_id}`)
  assert.ok(trail.some(e => e.action === 'record_approval_decision' && /under thresholds version 2/.test(e.reason)), JSON.stringify(trail.slice(0, 5)))

  // Finance: the approved plan waits for acknowledgement (Northshire asks for it).
  const finance = await as('finance')
  const waiting = await queueOf(finance)
  assert.ok(byName(waiting, 'Dorothy'), JSON.stringify(waiting))
  assert.equal((await manager.send('POST', `/api/v1/approvals/${dorothy.id}/acknowledgement`)).status, 403)
  const ack = await finance.send('POST', `/api/v1/approvals/${dorothy.id}/acknowledgement`)
  assert.equal(ack.status, 200, ack.text)
  assert.ok(ack.json().finance_acknowledged_at)
  assert.equal((await finance.send('POST', `/api/v1/approvals/${dorothy.id}/acknowledgement`)).status, 409)
  assert.equal(byName(await queueOf(finance), 'Dorothy'), undefined)
})

test(`refuse needs reasons, return needs questions (${backend})`, async () => {
  const manager = await as('team.manager')
  const grace = byName(await queueOf(manager), 'Grace')
  const empty = await manager.send('POST', `/api/v1/approvals/${grace.id}/decision`, { json: { decision: 'return' } })
  assert.equal(empty.status, 422)
  assert.equal(empty.json().errors[0].field, 'reasons')
  const returned = await manager.send('POST', `/api/v1/approvals/${grace.id}/decision`, {
    json: { decision: 'return', reasons: 'How long will the interim cover last?' }
  })
  assert.equal(returned.status, 200, returned.text)
  assert.equal(returned.json().status, 'returned')
  assert.equal(returned.json().decided_as, 'team_manager')

  const joseph = byName(await queueOf(manager), 'Joseph')
  const nothing = await manager.send('POST', `/api/v1/approvals/${joseph.id}/decision`, { json: { decision: 'refuse', reasons: '  ' } })
  assert.equal(nothing.status, 422)
  assert.equal(nothing.json().errors[0].field, 'reasons')
  const which = await manager.send('POST', `/api/v1/approvals/${joseph.id}/decision`, { json: { decision: 'maybe' } })
  assert.equal(which.status, 422)
  assert.equal(which.json().errors[0].field, 'decision')
  assert.equal((await manager.request('GET', `/api/v1/approvals/${joseph.id}`)).json().status, 'pending', 'nothing stored')
})

test(`a manager refuses a plan through the pages, without JavaScript (${backend})`, async () => {
  const manager = await as('team.manager')
  const joseph = byName(await queueOf(manager), 'Joseph')
  const list = await manager.request('GET', '/approvals')
  assert.equal(list.status, 200)
  assert.match(list.text, /Joseph Okafor/)
  assert.match(list.text, /£240\.00/)
  const form = await manager.request('GET', `/approvals/${joseph.id}`)
  assert.equal(form.status, 200)
  assert.match(form.text, /Record the decision/)
  const csrf = csrfFrom(form.text)
  const missing = await manager.request('POST', `/approvals/${joseph.id}`, { form: { csrf_token: csrf, decision: 'refuse', reasons: '' } })
  assert.equal(missing.status, 422)
  assert.match(missing.text, /Give the reasons for refusing the plan/)
  const done = await manager.request('POST', `/approvals/${joseph.id}`, {
    form: { csrf_token: csrf, decision: 'refuse', reasons: 'The gym membership meets no eligible need.' }
  })
  assert.equal(done.status, 303, done.text)
  const shown = (await manager.request('GET', `/api/v1/approvals/${joseph.id}`)).json()
  assert.equal(shown.status, 'refused')
  assert.equal(shown.decision_text, 'The gym membership meets no eligible need.')
  const after = await manager.request('GET', `/approvals/${joseph.id}`)
  assert.match(after.text, /Refused/)
  assert.doesNotMatch(after.text, /Record the decision/)
})

test(`roles that do not approve are refused, and another council's requests are not found (${backend})`, async () => {
  const head = await as('head.of.service')
  const any = (await queueOf(head))[0] ?? { id: 1, person_id: 1 }
  for (const who of ['commissioner', 'safeguarding', 'provider', 'budget.holder', 'representative', 'admin']) {
    const c = await as(who)
    assert.equal((await c.request('GET', '/api/v1/approvals')).status, 403, who)
    assert.equal((await c.send('POST', `/api/v1/approvals/${any.id}/decision`, { json: { decision: 'approve' } })).status, 403, who)
  }
  const southvale = await as('southvale.manager')
  assert.deepEqual(await queueOf(southvale), [])
  for (const id of [1, 4, 5, 6, 7]) {
    assert.equal((await southvale.request('GET', `/api/v1/approvals/${id}`)).status, 404)
    assert.equal((await southvale.send('POST', `/api/v1/approvals/${id}/decision`, { json: { decision: 'approve' } })).status, 404)
    assert.equal((await southvale.request('GET', `/approvals/${id}`)).status, 404)
  }
  assert.equal((await southvale.request('GET', '/api/v1/approvals/999999')).status, 404)
})

test(`thresholds are versioned council data with the date each takes effect (${backend})`, async () => {
  const manager = await as('team.manager')
  const t = (await manager.request('GET', '/api/v1/approval-thresholds')).json()
  assert.deepEqual(t.thresholds.map(v => [v.version, v.effective_from, v.team_manager_pence]), [[2, '2026-04-01', 80000], [1, '2025-04-01', 70000]])
  assert.equal(t.in_effect_id, t.thresholds[0].id)
  assert.equal(t.finance_acknowledgement, true)
  const south = (await (await as('southvale.manager')).request('GET', '/api/v1/approval-thresholds')).json()
  assert.equal(south.thresholds[0].panel, true)
  assert.equal(south.thresholds[0].head_of_service_pence, 150000)
  assert.equal(south.finance_acknowledgement, false)
  // The administrator's page lists the versions.
  const admin = await as('admin')
  const page = await admin.request('GET', '/configuration/approval-thresholds')
  assert.equal(page.status, 200)
  assert.match(page.text, /Northshire delegated authority, April 2026/)
  assert.match(page.text, /In effect/)
  assert.equal((await manager.request('GET', '/configuration/approval-thresholds')).status, 403)
  // Loading through the API: administrators only, refused whole when wrong.
  const body = { name: 'Correction', version: 2, effective_from: '2026-04-01', social_worker: '300.00', team_manager: '800.00', head_of_service: null, panel: false, author_self_approval: '150.00', interim: '500.00' }
  assert.equal((await manager.send('POST', '/api/v1/approval-thresholds', { json: body })).status, 403)
  const old = await admin.send('POST', '/api/v1/approval-thresholds', { json: body })
  assert.equal(old.status, 422)
  assert.equal(old.json().errors[0].field, 'version')
  const panelWithout = await admin.send('POST', '/api/v1/approval-thresholds', { json: { ...body, version: 5, panel: true } })
  assert.equal(panelWithout.status, 422)
  assert.equal(panelWithout.json().errors[0].field, 'head_of_service')
  assert.equal((await manager.request('GET', '/api/v1/approval-thresholds')).json().thresholds.length, 2, 'nothing stored')
})

test(`the decision-time report gives the median and 90th percentile by amount and by age (${backend})`, async () => {
  const manager = await as('team.manager')
  const r = await manager.request('GET', '/api/v1/reports/decision-times')
  assert.equal(r.status, 200, r.text)
  const report = r.json()
  assert.ok(report.all.decisions >= 3, JSON.stringify(report.all))
  assert.deepEqual(report.by_amount.map(g => g.label), ['Up to £250 a week', '£250.01 to £500 a week', '£500.01 to £1,000 a week', 'Over £1,000 a week'])
  assert.deepEqual(report.by_age.map(g => g.label), ['Under 18', '18 to 64', '65 and over'])
  // Aisha's £220 plan, decided in the demo after 2 days 6 hours 30 minutes.
  const low = report.by_amount[0]
  assert.ok(low.decisions >= 1)
  const page = await manager.request('GET', '/reports/decision-times')
  assert.equal(page.status, 200)
  assert.match(page.text, /90th percentile/)
  assert.equal((await (await as('social.worker')).request('GET', '/api/v1/reports/decision-times')).status, 403)
})

test(`thresholds load from a file with the CLI, refused whole when wrong (${backend})`, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pw-thresholds-'))
  const file = path.join(dir, 't.json')
  const base = { name: 'April 2027', version: 3, effective_from: '2027-04-01', social_worker: '320.00', team_manager: '850.00', head_of_service: null, panel: false, author_self_approval: '150.00', interim: '520.00' }
  writeFileSync(file, JSON.stringify({ ...base, effective_from: '2026-01-01' }))
  let r = run(['thresholds', 'load', '--db', db, '--council', 'E10999901', '--file', file])
  assert.equal(r.status, 1)
  assert.match(r.stderr, /effective_from/)
  writeFileSync(file, JSON.stringify({ ...base, social_worker: '900.00' }))
  r = run(['thresholds', 'load', '--db', db, '--council', 'E10999901', '--file', file])
  assert.equal(r.status, 1)
  assert.match(r.stderr, /social_worker/)
  writeFileSync(file, JSON.stringify({ ...base, team_manger: '900.00' }))
  r = run(['thresholds', 'load', '--db', db, '--council', 'E10999901', '--file', file])
  assert.equal(r.status, 1)
  assert.match(r.stderr, /team_manger/)
  writeFileSync(file, JSON.stringify(base))
  r = run(['thresholds', 'load', '--db', db, '--council', 'E10999901', '--file', file])
  assert.equal(r.status, 0, r.stderr)
  const t = (await (await as('team.manager')).request('GET', '/api/v1/approval-thresholds')).json()
  assert.equal(t.thresholds[0].version, 3)
  assert.equal(t.thresholds[1].id, t.in_effect_id, 'version 3 is not in effect until April 2027')
})
