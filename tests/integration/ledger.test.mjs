// The ledger (#16): Joseph's direct payment account in the demo, its balance
// on any date and its transfers, who may see it (the one way to a person; the
// council's own accounts are finance's), another council's ids, bad input,
// the finance pages and the budget page, and a correction by a reversing
// transfer, refused where the rules say so and audited. Both back ends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client, auditEntries, csrfFrom } from '../support/harness.mjs'

let server
before(async () => { server = await startServer(demoDatabase()) })
after(async () => { await server.stop() })

const JOSEPH = 2 // the budget holder, with a direct payment paid to him
const AISHA = 4 // not on the social worker's caseload

async function signedIn (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

async function josephsAccounts (who = 'budget.holder') {
  const r = await (await signedIn(who)).request('GET', `/api/v1/people/${JOSEPH}/accounts`)
  assert.equal(r.status, 200, r.text)
  return r.json().accounts
}

async function fundingAccount (finance) {
  // The account at the other end of Joseph's first payment is the council's funding.
  const dp = (await josephsAccounts())[0]
  const t = await finance.request('GET', `/api/v1/accounts/${dp.id}/transfers?from=2026-09-01&to=2026-09-30`)
  return t.json().transfers[0].other_account
}

test(`Joseph's direct payment account: its balance on any date and every transfer (${backend})`, async () => {
  const accounts = await josephsAccounts()
  assert.equal(accounts.length, 1, JSON.stringify(accounts))
  const dp = accounts[0]
  assert.equal(dp.kind, 'direct_payment')
  assert.equal(dp.part_key, 'A')
  assert.equal(dp.may_go_below_zero, false)
  assert.equal(dp.balance, '960.00')

  const joseph = await signedIn('budget.holder')
  const on = async date => (await joseph.request('GET', `/api/v1/accounts/${dp.id}?on=${date}`)).json().balance
  assert.equal(await on('2026-09-06'), '0.00')
  assert.equal(await on('2026-09-07'), '960.00') // paid four weeks in advance
  assert.equal(await on('2026-10-02'), '0.00') // wages paid from it
  assert.equal(await on('2026-10-05'), '960.00')
  assert.equal(await on('2026-11-02'), '960.00')

  const list = await joseph.request('GET', `/api/v1/accounts/${dp.id}/transfers?from=2026-09-01&to=2026-11-30`)
  assert.equal(list.status, 200, list.text)
  const body = list.json()
  assert.equal(body.opening_balance, '0.00')
  assert.equal(body.closing_balance, '960.00')
  assert.deepEqual(body.transfers.map(t => [t.value_date, t.direction, t.amount, t.other_kind]), [
    ['2026-09-07', 'in', '960.00', 'council_funding'],
    ['2026-10-02', 'out', '960.00', 'spending'],
    ['2026-10-05', 'in', '960.00', 'council_funding'],
    ['2026-10-30', 'out', '960.00', 'spending'],
    ['2026-11-02', 'in', '960.00', 'council_funding']
  ])
  assert.equal(body.transfers[0].id, 'demo:payment:joseph:A:2026-09-07')

  // Bad dates are named; a range back to front, or too long, is refused.
  const bad = await joseph.request('GET', `/api/v1/accounts/${dp.id}/transfers?from=2026-02-30`)
  assert.equal(bad.status, 422, bad.text)
  assert.equal(bad.json().errors[0].field, 'from')
  const backwards = await joseph.request('GET', `/api/v1/accounts/${dp.id}/transfers?from=2026-11-30&to=2026-09-01`)
  assert.equal(backwards.status, 422, backwards.text)
  assert.equal(backwards.json().errors[0].field, 'to')
  const tooLong = await joseph.request('GET', `/api/v1/accounts/${dp.id}/transfers?from=2020-01-01&to=2026-11-30`)
  assert.equal(tooLong.status, 422, tooLong.text)
  assert.equal((await joseph.request('GET', `/api/v1/accounts/${dp.id}?on=tomorrow`)).status, 422)
  assert.equal((await joseph.request('GET', '/api/v1/accounts/999999')).status, 404)
})

test(`a person's account is seen through the person: their worker, managers, finance and the person; nobody else (${backend})`, async () => {
  const dp = (await josephsAccounts())[0]
  for (const who of ['budget.holder', 'social.worker', 'team.manager', 'finance']) {
    const r = await (await signedIn(who)).request('GET', `/api/v1/accounts/${dp.id}`)
    assert.equal(r.status, 200, `${who}: ${r.text}`)
  }
  // Sarah is Margaret's representative, not Joseph's; a provider, a
  // commissioner and an administrator do not see people's money.
  for (const who of ['representative', 'provider', 'commissioner', 'admin']) {
    const r = await (await signedIn(who)).request('GET', `/api/v1/accounts/${dp.id}`)
    assert.equal(r.status, 403, `${who}: ${r.text}`)
    const t = await (await signedIn(who)).request('GET', `/api/v1/accounts/${dp.id}/transfers`)
    assert.equal(t.status, 403, `${who}: ${t.text}`)
  }
  // A social worker not allocated to the person is refused (and audited).
  const worker = await signedIn('social.worker')
  assert.equal((await worker.request('GET', `/api/v1/people/${AISHA}/accounts`)).status, 403)
  // Another council's staff never find this council's account or person.
  const southvale = await signedIn('southvale.worker')
  assert.equal((await southvale.request('GET', `/api/v1/accounts/${dp.id}`)).status, 404)
  assert.equal((await southvale.request('GET', `/api/v1/people/${JOSEPH}/accounts`)).status, 404)

  // The council's own accounts are finance's alone.
  const finance = await signedIn('finance')
  const funding = await fundingAccount(finance)
  const f = await finance.request('GET', `/api/v1/accounts/${funding}`)
  assert.equal(f.status, 200, f.text)
  assert.equal(f.json().kind, 'council_funding')
  assert.equal(f.json().may_go_below_zero, true)
  assert.ok(Number(f.json().balance) <= -2880, f.text) // the council paid out Joseph's three payments
  for (const who of ['social.worker', 'budget.holder', 'team.manager']) {
    assert.equal((await (await signedIn(who)).request('GET', `/api/v1/accounts/${funding}`)).status, 403, who)
  }

  const trail = await auditEntries(server, `?person_id=${JOSEPH}`)
  assert.ok(trail.some(e => e.action === 'view_ledger' && e.outcome === 'allowed'), JSON.stringify(trail.slice(0, 5)))
  assert.ok(trail.some(e => e.action === 'view_ledger' && e.outcome === 'refused'))
  const aisha = await auditEntries(server, `?person_id=${AISHA}`)
  assert.ok(aisha.some(e => e.action === 'view_ledger' && e.outcome === 'refused'))
  const byFinance = await auditEntries(server, '?username=finance')
  assert.ok(byFinance.some(e => e.action === 'view_council_ledger' && e.outcome === 'allowed'))
  const byManager = await auditEntries(server, '?username=team.manager')
  assert.ok(byManager.some(e => e.action === 'view_council_ledger' && e.outcome === 'refused'))
})

test(`the account page and the budget page show the money, without JavaScript (${backend})`, async () => {
  const dp = (await josephsAccounts())[0]
  const joseph = await signedIn('budget.holder')
  const budget = await joseph.request('GET', `/people/${JOSEPH}/budgets`)
  assert.equal(budget.status, 200, budget.text)
  assert.match(budget.text, /Money held/)
  assert.match(budget.text, /data-testid="money-held-A"[\s\S]*Held today[\s\S]*£960\.00/)
  assert.match(budget.text, new RegExp(`href="/finance/accounts/${dp.id}"`))

  const own = await joseph.request('GET', `/finance/accounts/${dp.id}?range=12m`)
  assert.equal(own.status, 200, own.text)
  assert.match(own.text, /Direct payment account, part A/)
  assert.match(own.text, /Kofi Mensah(&apos;|&#39;|')s wages/)
  assert.doesNotMatch(own.text, /Correct this/) // corrections are finance's
  assert.equal((await (await signedIn('representative')).request('GET', `/finance/accounts/${dp.id}`)).status, 403)
  assert.equal((await (await signedIn('southvale.worker')).request('GET', `/finance/accounts/${dp.id}`)).status, 404)

  const finance = await signedIn('finance')
  const page = await finance.request('GET', `/finance/accounts/${dp.id}?range=12m`)
  assert.equal(page.status, 200, page.text)
  assert.match(page.text, /Correct this/)
  // A correction the rules refuse is shown on the form, and nothing moves:
  // taking back October's payment would leave the account below nothing on 30 October.
  const path = `/finance/accounts/${dp.id}/reverse`
  const form = await finance.request('GET', `${path}?transfer=${encodeURIComponent('demo:payment:joseph:A:2026-10-05')}`)
  assert.equal(form.status, 200, form.text)
  const token = csrfFrom(form.text)
  const post = fields => finance.request('POST', path, { form: { csrf_token: token, transfer_id: 'demo:payment:joseph:A:2026-10-05', ...fields } })
  const noReason = await post({ reason: '', 'value_date-day': '6', 'value_date-month': '10', 'value_date-year': '2026' })
  assert.equal(noReason.status, 422, noReason.text)
  assert.match(noReason.text, /href="#reason"/)
  const overdraw = await post({ reason: 'Paid in error', 'value_date-day': '6', 'value_date-month': '10', 'value_date-year': '2026' })
  assert.equal(overdraw.status, 422, overdraw.text)
  assert.match(overdraw.text, /cannot pay out money it does not hold/)
  assert.equal((await josephsAccounts('finance'))[0].balance, '960.00')
  // Another account's transfer is not this page's.
  assert.equal((await finance.request('GET', `${path}?transfer=nothing`)).status, 404)
  const probe = await finance.request('POST', path, { form: { csrf_token: token, transfer_id: 'nothing', reason: 'x' } })
  assert.equal(probe.status, 404, probe.text)
  // The form's own refusals are audited as well as the ledger's (an attacker review).
  const pageTrail = (await auditEntries(server, '?username=finance')).filter(e => e.action === 'record_reversal' && e.outcome === 'refused')
  assert.ok(pageTrail.some(e => /on account \d+ refused: Say why/.test(e.reason) && e.person_id === JOSEPH), JSON.stringify(pageTrail))
  assert.ok(pageTrail.some(e => /reversal of nothing on account \d+ refused: no such transfer/.test(e.reason)), JSON.stringify(pageTrail))
  // Only finance may correct.
  assert.equal((await joseph.request('GET', `${path}?transfer=${encodeURIComponent('demo:payment:joseph:A:2026-11-02')}`)).status, 403)
})

test(`finance corrects a payment by a reversing transfer, once, with a reason; refusals are audited (${backend})`, async () => {
  const dp = (await josephsAccounts())[0]
  const target = 'demo:payment:joseph:A:2026-11-02'
  const worker = await signedIn('social.worker')
  const refused = await worker.send('POST', '/api/v1/reversals', { json: { transfer_id: target, reason: 'Paid twice' } })
  assert.equal(refused.status, 403, refused.text)
  assert.equal((await josephsAccounts())[0].balance, '960.00')

  const finance = await signedIn('finance')
  const unknown = await finance.send('POST', '/api/v1/reversals', { json: { transfer_id: target, reason: 'Paid twice', amount: '1.00' } })
  assert.equal(unknown.status, 422, unknown.text)
  assert.deepEqual(unknown.json().errors.map(e => e.field), ['amount'])
  const noReason = await finance.send('POST', '/api/v1/reversals', { json: { transfer_id: target } })
  assert.equal(noReason.status, 422, noReason.text)
  assert.deepEqual(noReason.json().errors.map(e => e.field), ['reason'])
  const missing = await finance.send('POST', '/api/v1/reversals', { json: { transfer_id: 'demo:nothing', reason: 'x' } })
  assert.equal(missing.status, 422, missing.text)
  assert.equal(missing.json().errors[0].field, 'transfer_id')
  const early = await finance.send('POST', '/api/v1/reversals', { json: { transfer_id: target, reason: 'Paid twice', value_date: '2026-11-01' } })
  assert.equal(early.status, 422, early.text)
  assert.match(early.json().errors[0].message, /before the transfer it reverses/)

  const correction = { transfer_id: target, reason: 'Paid twice in error', value_date: '2026-11-03' }
  const done = await finance.send('POST', '/api/v1/reversals', { json: correction })
  assert.equal(done.status, 201, done.text)
  const reversal = done.json()
  assert.equal(reversal.reverses, target)
  assert.equal(reversal.amount, '960.00')
  assert.equal(reversal.debit, dp.id)
  assert.equal((await josephsAccounts())[0].balance, '0.00')
  // Pressing it again records nothing more.
  const again = await finance.send('POST', '/api/v1/reversals', { json: correction })
  assert.equal(again.status, 200, again.text)
  assert.equal(again.json().already_recorded, true)
  assert.equal(again.json().id, reversal.id)
  assert.equal((await josephsAccounts())[0].balance, '0.00')
  // The same correction with other words is a different transfer under the same id: refused.
  const reworded = await finance.send('POST', '/api/v1/reversals', { json: { ...correction, reason: 'Duplicate' } })
  assert.equal(reworded.status, 422, reworded.text)
  assert.match(reworded.json().errors[0].message, /different content: the reason/)
  // A reversal is not itself reversed.
  const back = await finance.send('POST', '/api/v1/reversals', { json: { transfer_id: reversal.id, reason: 'Undo' } })
  assert.equal(back.status, 422, back.text)
  assert.match(back.json().errors[0].message, /itself a reversal/)

  const list = (await finance.request('GET', `/api/v1/accounts/${dp.id}/transfers?from=2026-11-01&to=2026-11-30`)).json().transfers
  assert.deepEqual(list.map(t => [t.id, t.direction, t.reverses, t.reversed_by]), [
    [target, 'in', null, reversal.id],
    [reversal.id, 'out', target, null]
  ])
  const trail = (await auditEntries(server, '?username=finance')).filter(e => e.action === 'record_reversal')
  assert.ok(trail.some(e => e.outcome === 'allowed' && e.reason.includes('Paid twice in error') && e.person_id === JOSEPH), JSON.stringify(trail))
  assert.ok(trail.some(e => e.outcome === 'refused' && /itself a reversal/.test(e.reason)), JSON.stringify(trail))
  // The refusals made before the ledger is asked are kept too.
  assert.ok(trail.some(e => e.outcome === 'refused' && /reason: Say why/.test(e.reason)), JSON.stringify(trail))
  const asked = await auditEntries(server, '?username=social.worker')
  assert.ok(asked.some(e => e.action === 'reverse_transfer' && e.outcome === 'refused'), JSON.stringify(asked.slice(0, 5)))
})
