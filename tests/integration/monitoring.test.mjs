// Monitoring (#16): the demo's flags (a surplus on Margaret's account, a
// lottery payment looked at with advice given); a check run twice raises one
// flag per condition; a surplus flagged, recovered (prepared by one finance
// officer, approved by another) and shown in the budget holder's balance; the
// preparer approving is refused (403) and the refusal audited; unknown JSON
// members 422; a social worker not allocated to the person refused (403,
// audited), another council's flag 404; each plan's spending controls changed
// only with a reason; the pages without JavaScript; the CLI. Both back ends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client, auditEntries, sql, csrfFrom, run } from '../support/harness.mjs'

let server
let db
before(async () => {
  db = demoDatabase()
  // A second social worker of Northshire, allocated to nobody.
  const added = run(['user', 'add', '--db', db, '--council', 'E10999901', '--username', 'other.worker', '--name', 'Kim Ode',
    '--role', 'social_worker', '--password-stdin'], { input: 'a long enough password\n' })
  if (added.status !== 0) throw new Error(added.stderr)
  server = await startServer(db)
})
after(async () => { await server.stop() })

const MARGARET = 1
const JOSEPH = 2
const today = new Date().toISOString().slice(0, 10)

async function as (username, password) {
  const c = new Client(server)
  await c.signIn(username, password)
  return c
}
const flags = async (c, query = '') => (await c.request('GET', `/api/v1/flags${query}`)).json().flags

test(`the demo: a surplus on Margaret's account, open, and a lottery payment looked at with advice given (${backend})`, async () => {
  const finance = await as('finance')
  const all = await flags(finance)
  const surplus = all.find(f => f.person_id === MARGARET && f.kind === 'above_reserve')
  assert.ok(surplus, JSON.stringify(all))
  assert.equal(surplus.state, 'open')
  assert.equal(surplus.evidence.summary, '£1,913.00 held, the plan allows £1,101.60 (8 weeks)')
  assert.equal(surplus.evidence.amount, '811.40')
  const lottery = all.find(f => f.person_id === MARGARET && f.kind === 'merchant_category')
  assert.equal(lottery.subject, '7800')
  assert.equal(lottery.state, 'closed')
  assert.equal(lottery.outcome, 'advice_given')
  assert.match(lottery.evidence.summary, /£10\.00 spent at 7800, government-owned lotteries .*which this person's plan does not allow/)
  assert.equal(lottery.evidence.statement_line_ids.length, 1)
  // Open first, oldest first: every open flag comes before every closed one.
  const states = all.map(f => f.state)
  assert.ok(states.lastIndexOf('open') < states.indexOf('closed'), states.join())
  const shown = (await finance.request('GET', `/api/v1/flags/${lottery.id}`)).json()
  assert.deepEqual(shown.history.map(h => [h.state, h.outcome, h.by]),
    [['open', null, ''], ['looked_at', null, 'Sam Patel'], ['closed', 'advice_given', 'Sam Patel']])
  assert.equal(shown.monitoring.risk, 'higher')  // first year of payments, and an open flag
  // Filters, each checked.
  assert.ok((await flags(finance, '?state=closed')).every(f => f.state === 'closed'))
  assert.ok((await flags(finance, '?kind=above_reserve')).every(f => f.kind === 'above_reserve'))
  assert.equal((await finance.request('GET', '/api/v1/flags?state=shut')).status, 422)
})

test(`a check run twice raises each condition once and brings its evidence up to date (${backend})`, async () => {
  const finance = await as('finance')
  const first = await finance.send('POST', '/api/v1/flags/check', { json: { date: today } })
  assert.equal(first.status, 200, first.text)
  assert.equal(first.json().raised, 0, 'the demo ran the check today already')
  assert.ok(first.json().updated >= 1)
  const again = await finance.send('POST', '/api/v1/flags/check', { json: {} })
  assert.equal(again.json().raised, 0)
  assert.equal(sql(db, `SELECT count(*) FROM monitoring_flags WHERE person_id = ${MARGARET} AND kind = 'above_reserve'`), '1')
  const future = await finance.send('POST', '/api/v1/flags/check', { json: { date: '2999-01-01' } })
  assert.equal(future.status, 422)
  assert.equal(future.json().errors[0].field, 'date')
  const unknown = await finance.send('POST', '/api/v1/flags/check', { json: { date: today, dry_run: true } })
  assert.equal(unknown.status, 422)
  assert.match(unknown.text, /dry_run/)
  // Only finance runs it.
  assert.equal((await (await as('social.worker')).send('POST', '/api/v1/flags/check', { json: {} })).status, 403)
})

test(`a surplus flagged, recovered by two officers and shown in the budget holder's balance (${backend})`, async () => {
  const finance = await as('finance')
  const checker = await as('finance.checker')
  // Joseph's two wage payments were corrected (paid by his payroll service
  // instead), so his account holds £2,880.00 where 8 weeks of £240.00 is £1,920.00.
  for (const id of ['demo:wages:joseph:2026-10-02', 'demo:wages:joseph:2026-10-30']) {
    const r = await finance.send('POST', '/api/v1/reversals', { json: { transfer_id: id, reason: 'Paid by the payroll service instead', value_date: today } })
    assert.equal(r.status, 201, r.text)
  }
  const report = (await finance.send('POST', '/api/v1/flags/check', { json: { date: today } })).json()
  assert.equal(report.raised, 1)
  const flag = (await flags(finance, `?person_id=${JOSEPH}&kind=above_reserve`))[0]
  assert.equal(flag.evidence.summary, '£2,880.00 held, the plan allows £1,920.00 (8 weeks)')

  // A recovery before the flag's outcome says so is refused.
  const early = await finance.send('POST', `/api/v1/flags/${flag.id}/recovery`, { json: { amount: '960.00' } })
  assert.equal(early.status, 409, early.text)
  // The workflow, one step at a time; an outcome before looking is refused.
  const skip = await finance.send('POST', `/api/v1/flags/${flag.id}/work`, { json: { step: 'outcome', outcome: 'recover_surplus', note: 'x' } })
  assert.equal(skip.status, 409)
  const unknown = await finance.send('POST', `/api/v1/flags/${flag.id}/work`, { json: { step: 'looked_at', note: 'x', urgent: 'yes' } })
  assert.equal(unknown.status, 422)
  assert.match(unknown.text, /urgent/)
  const noNote = await finance.send('POST', `/api/v1/flags/${flag.id}/work`, { json: { step: 'looked_at' } })
  assert.equal(noNote.status, 422)
  assert.equal(noNote.json().errors[0].field, 'note')
  const looked = await finance.send('POST', `/api/v1/flags/${flag.id}/work`, { json: { step: 'looked_at', note: 'Rang Joseph: the payroll service paid Kofi' } })
  assert.equal(looked.status, 200, looked.text)
  assert.equal(looked.json().state, 'looked_at')
  const outcome = await finance.send('POST', `/api/v1/flags/${flag.id}/work`, { json: { step: 'outcome', outcome: 'recover_surplus', note: 'Agreed with Joseph' } })
  assert.equal(outcome.status, 200, outcome.text)
  assert.equal(outcome.json().state, 'closed')
  assert.equal(outcome.json().surplus_now, '960.00')

  // At most the surplus; then prepared by one officer.
  const tooMuch = await finance.send('POST', `/api/v1/flags/${flag.id}/recovery`, { json: { amount: '960.01' } })
  assert.equal(tooMuch.status, 422)
  assert.equal(tooMuch.json().errors[0].field, 'amount')
  const threeDecimals = await finance.send('POST', `/api/v1/flags/${flag.id}/recovery`, { json: { amount: '1.001' } })
  assert.equal(threeDecimals.status, 422)
  const prepared = await finance.send('POST', `/api/v1/flags/${flag.id}/recovery`, { json: { amount: '960.00' } })
  assert.equal(prepared.status, 201, prepared.text)
  assert.equal(prepared.json().state, 'prepared')
  // The preparer cannot approve it: 403, audited with the reason.
  const self = await finance.send('POST', `/api/v1/flags/${flag.id}/recovery/approve`, { json: {} })
  assert.equal(self.status, 403, self.text)
  assert.match(self.json().detail, /you prepared this surplus recovery/)
  const trail = await auditEntries(server, '?username=finance')
  assert.ok(trail.some(e => e.action === 'decide_surplus_recovery' && e.outcome === 'refused' && /you prepared this surplus recovery/.test(e.reason)),
    JSON.stringify(trail.slice(0, 5)))
  assert.equal(sql(db, `SELECT count(*) FROM ledger_transfers WHERE transfer_id = 'surplus:${flag.id}'`), '0')
  // Nor may a social worker, allocated or not.
  assert.equal((await (await as('social.worker')).send('POST', `/api/v1/flags/${flag.id}/recovery/approve`, { json: {} })).status, 403)
  // Another officer approves: the transfer is posted once.
  const approved = await checker.send('POST', `/api/v1/flags/${flag.id}/recovery/approve`, { json: {} })
  assert.equal(approved.status, 200, approved.text)
  assert.equal(approved.json().state, 'approved')
  assert.equal(approved.json().transfer_id, `surplus:${flag.id}`)
  assert.equal(approved.json().decided.name, 'Dev Kaur')
  const twice = await checker.send('POST', `/api/v1/flags/${flag.id}/recovery/approve`, { json: {} })
  assert.equal(twice.status, 409)
  assert.equal(sql(db, `SELECT count(*) FROM ledger_transfers WHERE transfer_id = 'surplus:${flag.id}' AND amount_pence = 96000`), '1')
  // The budget holder sees it in his balance and on his budget page.
  const joseph = await as('budget.holder')
  const accounts = (await joseph.request('GET', `/api/v1/people/${JOSEPH}/accounts`)).json().accounts
  const dp = accounts.find(a => a.kind === 'direct_payment')
  assert.equal(dp.balance, '1920.00')
  const transfers = (await joseph.request('GET', `/api/v1/accounts/${dp.id}/transfers?from=${today}&to=${today}`)).json().transfers
  assert.ok(transfers.some(t => t.id === `surplus:${flag.id}` && t.amount === '960.00'), JSON.stringify(transfers))
  const budget = await joseph.request('GET', `/people/${JOSEPH}/budgets`)
  assert.match(budget.text, /data-testid="money-held-A"[\s\S]*Held today[\s\S]*£1,920\.00/)
  // The budget holder does not see flags.
  assert.equal((await joseph.request('GET', '/api/v1/flags')).status, 403)
  assert.equal((await joseph.request('GET', `/api/v1/flags/${flag.id}`)).status, 403)
})

test(`a social worker sees only their people's flags; one not allocated is refused and audited; another council's is not found (${backend})`, async () => {
  const finance = await as('finance')
  const surplus = (await flags(finance, `?person_id=${MARGARET}&kind=above_reserve`))[0]
  const worker = await as('social.worker')
  assert.equal((await worker.request('GET', `/api/v1/flags/${surplus.id}`)).status, 200)
  const other = await as('other.worker', 'a long enough password')
  assert.deepEqual(await flags(other), [])
  const refused = await other.request('GET', `/api/v1/flags/${surplus.id}`)
  assert.equal(refused.status, 403, refused.text)
  const work = await other.send('POST', `/api/v1/flags/${surplus.id}/work`, { json: { step: 'looked_at', note: 'x' } })
  assert.equal(work.status, 403)
  const trail = await auditEntries(server, '?username=other.worker')
  assert.ok(trail.some(e => e.action === 'view_flag' && e.outcome === 'refused' && e.person_id === MARGARET), JSON.stringify(trail.slice(0, 5)))
  assert.ok(trail.some(e => e.action === 'work_flag' && e.outcome === 'refused'))
  const page = await other.request('GET', `/flags/${surplus.id}`)
  assert.equal(page.status, 403)
  // Southvale's staff never find Northshire's flags.
  const south = await as('southvale.worker')
  assert.equal((await south.request('GET', `/api/v1/flags/${surplus.id}`)).status, 404)
  assert.deepEqual(await flags(south), [])
  // A team manager sees the council's; an administrator does not work flags.
  assert.ok((await flags(await as('team.manager'))).length >= 2)
  assert.equal((await (await as('admin')).request('GET', '/api/v1/flags')).status, 403)
})

test(`a plan's spending controls change only with a reason, and keep their history (${backend})`, async () => {
  const worker = await as('social.worker')
  const path = `/api/v1/people/${MARGARET}/spending-controls`
  const before = (await worker.request('GET', path)).json()
  assert.deepEqual(before.in_force.blocked_merchant_codes, [7800, 7801, 7802, 7995])
  assert.equal(before.in_force.cash_allowed, true)
  const noReason = await worker.send('PUT', path, { json: { blocked_merchant_codes: '7995', cash_allowed: 'yes', cash_threshold: '150.00' } })
  assert.equal(noReason.status, 422)
  assert.equal(noReason.json().errors[0].field, 'reason')
  const unknown = await worker.send('PUT', path, { json: { blocked_merchant_codes: '7995', cash_allowed: 'yes', cash_threshold: '150.00', reason: 'x', all_people: true } })
  assert.equal(unknown.status, 422)
  assert.match(unknown.text, /all_people/)
  const badCode = await worker.send('PUT', path, { json: { blocked_merchant_codes: '79', cash_allowed: 'yes', cash_threshold: '150.00', reason: 'x' } })
  assert.equal(badCode.status, 422)
  assert.equal(badCode.json().errors[0].field, 'blocked_merchant_codes')
  const changed = await worker.send('PUT', path, {
    json: { blocked_merchant_codes: '7995, 7801, 7802', cash_allowed: 'no', cash_threshold: '150.00', reason: 'Margaret enjoys her weekly lottery ticket; Sarah asked that cash stop' }
  })
  assert.equal(changed.status, 200, changed.text)
  const after = changed.json()
  assert.deepEqual(after.in_force.blocked_merchant_codes, [7801, 7802, 7995])
  assert.equal(after.in_force.cash_allowed, false)
  assert.equal(after.history[0].what_changed, 'allowed now: 7800, government-owned lotteries; no cash allowed')
  assert.equal(after.history[0].changed_by, 'Sam Patel')
  assert.ok(after.history.length >= 2)
  const trail = await auditEntries(server, '?username=social.worker')
  assert.ok(trail.some(e => e.action === 'change_spending_controls' && /why: Margaret enjoys/.test(e.reason)))
  // Sarah sees her mother's plan and so its controls, but does not change them; nor does finance's view reach Joseph's... through another council.
  const sarah = await as('representative')
  assert.equal((await sarah.request('GET', path)).status, 200)
  assert.equal((await sarah.send('PUT', path, { json: { blocked_merchant_codes: '', cash_allowed: 'yes', cash_threshold: '1.00', reason: 'x' } })).status, 403)
  assert.equal((await (await as('other.worker', 'a long enough password')).request('GET', path)).status, 403)
  // The plan page shows them.
  const plans = (await worker.request('GET', `/api/v1/people/${MARGARET}/plans`)).json()
  const planId = (plans.plans || plans).find(p => p.status === 'approved').id
  const page = await worker.request('GET', `/people/${MARGARET}/plans/${planId}`)
  assert.match(page.text, /id="spending-controls"/)
  assert.match(page.text, /Not allowed/)
  assert.match(page.text, /7801, online casinos/)
})

test(`the pages work without JavaScript (${backend})`, async () => {
  const worker = await as('social.worker')
  const list = await worker.request('GET', '/flags')
  assert.equal(list.status, 200)
  assert.match(list.text, /£1,913\.00 held, the plan allows £1,101\.60 \(8 weeks\)/)
  assert.doesNotMatch(list.text, /Run the check/, 'only finance runs the check')
  const finance = await as('finance')
  const surplus = (await flags(finance, `?person_id=${MARGARET}&kind=above_reserve`))[0]
  const page = await worker.request('GET', `/flags/${surplus.id}`)
  assert.equal(page.status, 200)
  assert.match(page.text, /Record that you have looked at it/)
  const noNote = await worker.request('POST', `/flags/${surplus.id}/work`, { form: { csrf_token: csrfFrom(page.text), step: 'looked_at', note: '' } })
  assert.equal(noNote.status, 422)
  assert.match(noNote.text, /Enter a note of what you found or did/)
  const forged = await worker.request('POST', `/flags/${surplus.id}/work`, { form: { step: 'looked_at', note: 'no token' } })
  assert.equal(forged.status, 403)
  const done = await worker.request('POST', `/flags/${surplus.id}/work`, { form: { csrf_token: csrfFrom(page.text), step: 'looked_at', note: 'Spoke to Sarah about the money held' } })
  assert.equal(done.status, 303, done.text)
  const after = await worker.request('GET', `/flags/${surplus.id}`)
  assert.match(after.text, /Record the outcome/)
  assert.match(after.text, /Spoke to Sarah about the money held/)
  // Finance runs the check from the page.
  const flagsPage = await finance.request('GET', '/flags')
  const checked = await finance.request('POST', '/flags/check', { form: { csrf_token: csrfFrom(flagsPage.text), 'date-day': '', 'date-month': '', 'date-year': '' } })
  assert.equal(checked.status, 200, checked.text)
  assert.match(checked.text, /Checked \d+ accounts? as at/)
})

test(`patchwork monitoring-check runs the same check from the command line (${backend})`, async () => {
  const r = run(['monitoring-check', '--db', db, '--council', 'E10999901', '--date', today])
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stdout, /Checked \d+ accounts? for Northshire Council on .*: 0 new flags/)
  const bad = run(['monitoring-check', '--db', db, '--council', 'E10999901', '--date', '2026-13-01'])
  assert.equal(bad.status, 2)
  assert.match(bad.stderr, /--date/)
  assert.equal(sql(db, "SELECT count(*) FROM audit_log WHERE action = 'run_monitoring_check' AND username = 'patchwork monitoring-check'"), '1')
})
