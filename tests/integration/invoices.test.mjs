// Provider invoices (#16, docs/money.md "Provider invoices"): the demo's paid
// and held invoices; a provider sends one over the plan and it is held with
// the figures; the thread passes between the sides; maker-checker on
// approval; a released invoice is paid by the next run once, and a replayed
// export or a second run pays nothing twice; a person the provider does not
// support is refused (403, audited); unknown members refused (422). Both back ends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client, auditEntries, sql, csrfFrom } from '../support/harness.mjs'

let server
let db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

const MARGARET = 1
const JOSEPH = 2

async function as (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

const list = async c => (await c.request('GET', '/api/v1/invoices')).json().invoices

// Brightside's provider id and the number of its line on Margaret's plan, from the demo's paid invoice.
async function brightside () {
  const finance = await as('finance')
  const paid = (await list(finance)).find(i => i.number === 'BC-1041')
  const full = (await finance.request('GET', `/api/v1/invoices/${paid.id}`)).json()
  return { provider: paid.provider_id, line: full.lines[0].plan_line }
}

const invoice = (number, from, to, line, units, cost, extra = {}) => ({
  number, person_id: MARGARET, part_key: 'B', period_from: from, period_to: to,
  lines: [{ plan_line: line, units, unit_cost: cost, description: 'Tea-time calls' }], ...extra
})

test(`the demo: Brightside's invoice paid in the first run, another held waiting for Brightside (${backend})`, async () => {
  const finance = await as('finance')
  const all = await list(finance)
  assert.equal(all[0].number, 'BC-1042') // held first
  assert.equal(all[0].state, 'held')
  assert.equal(all[0].must_act, 'provider')
  const paid = all.find(i => i.number === 'BC-1041')
  assert.equal(paid.state, 'paid')
  assert.equal(paid.total, '95.50')
  assert.ok(paid.payment_run_id)
  assert.equal(sql(db, `SELECT count(*) FROM ledger_transfers WHERE transfer_id = 'inv:${paid.provider_id}:BC-1041' AND amount_pence = 9550`), '1')
  const held = (await finance.request('GET', `/api/v1/invoices/${all[0].id}`)).json()
  assert.deepEqual(held.differences.map(d => d.kind), ['over_cost'])
  assert.match(held.differences[0].message, /£120\.50 invoiced for 9 November 2026 to 15 November 2026 \(7 days\); the plan allows £95\.50 for these days/)
  assert.equal(held.thread.length, 1)
  assert.equal(held.thread[0].from, 'council')
  assert.equal(held.payment_run_id, null)
  // The run's page and API name the invoice it paid.
  const run = (await finance.request('GET', `/api/v1/payment-runs/${paid.payment_run_id}`)).json()
  assert.deepEqual(run.invoices.map(i => [i.number, i.amount, i.payee_name]), [['BC-1041', '95.50', 'Brightside Care Ltd']])
  // Brightside sees both, with the hold waiting for it; nobody else but finance sees invoices.
  const provider = await as('provider')
  const mine = await list(provider)
  assert.deepEqual(mine.map(i => i.number).sort(), ['BC-1041', 'BC-1042'])
  const page = await provider.request('GET', '/invoices')
  assert.equal(page.status, 200)
  assert.match(page.text, /You: the council is waiting for your answer/)
  for (const who of ['social.worker', 'team.manager', 'representative', 'budget.holder', 'admin']) {
    const c = await as(who)
    assert.equal((await c.request('GET', '/api/v1/invoices')).status, 403, who)
    assert.equal((await c.request('GET', `/api/v1/invoices/${paid.id}`)).status, 403, who)
  }
})

test(`a provider invoices only the people it supports; unknown members and bad input are refused (${backend})`, async () => {
  const { line } = await brightside()
  const provider = await as('provider')
  // Joseph's plan does not name Brightside: refused, and the refusal audited.
  const other = await provider.send('POST', '/api/v1/invoices', { json: { ...invoice('BC-2001', '2026-11-16', '2026-11-22', 1, '1', '10.00'), person_id: JOSEPH } })
  assert.equal(other.status, 403, other.text)
  const trail = await auditEntries(server, `?person_id=${JOSEPH}`)
  assert.ok(trail.some(e => e.action === 'submit_invoice' && e.outcome === 'refused' && e.username === 'provider'))
  // Unknown members, at the top and in a line, named.
  const unknown = await provider.send('POST', '/api/v1/invoices', {
    json: { ...invoice('BC-2002', '2026-11-16', '2026-11-22', line, '1', '95.50'), vat: '0', lines: [{ plan_line: line, units: '1', unit_cost: '95.50', discount: '1' }] }
  })
  assert.equal(unknown.status, 422)
  assert.deepEqual(unknown.json().errors.map(e => e.field).sort(), ['lines[0].discount', 'vat'])
  // Bad figures, each named; nothing stored.
  const bad = await provider.send('POST', '/api/v1/invoices', { json: invoice('BC-2003', '2026-11-22', '2026-11-16', line, '1.3', 'lots') })
  assert.equal(bad.status, 422)
  assert.deepEqual(bad.json().errors.map(e => e.field).sort(), ['lines[0].unit_cost', 'lines[0].units', 'period_to'])
  // A direct payment part is not invoiced to the council.
  const dp = await provider.send('POST', '/api/v1/invoices', { json: { ...invoice('BC-2004', '2026-11-16', '2026-11-22', line, '1', '95.50'), part_key: 'A' } })
  assert.equal(dp.status, 422)
  assert.match(dp.json().errors[0].message, /direct payment/)
  assert.equal(sql(db, "SELECT count(*) FROM invoices WHERE number LIKE 'BC-200%'"), '0')
})

test(`over the plan: held with the figures; the thread; maker-checker; released and paid by the next run once (${backend})`, async () => {
  const { provider: providerId, line } = await brightside()
  const provider = await as('provider')
  const finance = await as('finance')
  const checker = await as('finance.checker')

  // £99.00 a week against the plan's £95.50: held, each difference with its figures.
  const sent = await provider.send('POST', '/api/v1/invoices', { json: invoice('BC-1043', '2026-11-16', '2026-11-22', line, '1', '99.00') })
  assert.equal(sent.status, 201, sent.text)
  const over = sent.json()
  assert.equal(over.state, 'held')
  assert.equal(over.must_act, 'council')
  assert.deepEqual(over.differences.map(d => d.message), [
    `Line ${line} of the plan: £99.00 a week invoiced; the plan's rate is £95.50 a week`,
    `Line ${line} of the plan: £99.00 invoiced for 16 November 2026 to 22 November 2026 (7 days); the plan allows £95.50 for these days (£95.50 a week)`
  ])
  // The same number again is refused, naming the field; nothing more stored.
  const again = await provider.send('POST', '/api/v1/invoices', { json: invoice('BC-1043', '2026-11-16', '2026-11-22', line, '1', '95.50') })
  assert.equal(again.status, 422)
  assert.equal(again.json().errors[0].field, 'number')
  assert.equal(sql(db, "SELECT count(*) FROM invoices WHERE number = 'BC-1043'"), '1')

  // The thread: the council asks, the provider answers, each side sees who acts next.
  const asked = await finance.send('POST', `/api/v1/invoices/${over.id}/messages`, { json: { message: 'The plan pays £95.50 a week. Why £99.00?', must_act: 'provider' } })
  assert.equal(asked.status, 201, asked.text)
  assert.equal(asked.json().must_act, 'provider')
  // The provider's reply goes back to the council, through the page's form without JavaScript.
  const invoicePage = await provider.request('GET', `/invoices/${over.id}`)
  assert.match(invoicePage.text, /Why £99\.00\?/)
  const replied = await provider.request('POST', `/invoices/${over.id}/messages`, { form: { csrf_token: csrfFrom(invoicePage.text), message: 'Our new rates started on 16 November; the council agreed them.' } })
  assert.equal(replied.status, 303)
  const afterReply = (await finance.request('GET', `/api/v1/invoices/${over.id}`)).json()
  assert.equal(afterReply.must_act, 'council')
  assert.deepEqual(afterReply.thread.map(m => [m.from, m.must_act]), [['council', 'provider'], ['provider', 'council']])
  // Held: never approved, never paid, until it is settled.
  assert.equal((await checker.send('POST', `/api/v1/invoices/${over.id}/approve`)).status, 409)

  // Maker-checker: finance enters a paper invoice; it cannot approve it; another officer can.
  const paper = await finance.send('POST', '/api/v1/invoices', { json: { ...invoice('BC-1044', '2026-11-23', '2026-11-29', line, '1', '95.50'), provider_id: providerId } })
  assert.equal(paper.status, 201, paper.text)
  assert.equal(paper.json().state, 'checked')
  const self = await finance.send('POST', `/api/v1/invoices/${paper.json().id}/approve`)
  assert.equal(self.status, 403)
  assert.match(self.json().detail, /you entered this invoice/)
  const trail = await auditEntries(server, '?username=finance')
  assert.ok(trail.some(e => e.outcome === 'refused' && e.username === 'finance' && /you entered this invoice/.test(e.reason)))
  assert.equal((await checker.send('POST', `/api/v1/invoices/${paper.json().id}/approve`)).json().state, 'approved')
  // The release, by the second officer.
  const released = await checker.send('POST', `/api/v1/invoices/${over.id}/release`, { json: { message: 'The new rate was agreed on 10 November.' } })
  assert.equal(released.status, 200, released.text)
  assert.equal(released.json().state, 'released')
  assert.equal((await provider.send('POST', `/api/v1/invoices/${over.id}/messages`, { json: { message: 'Thank you' } })).status, 409)

  // The next run pays both, and not the held BC-1042.
  const prepared = await finance.send('POST', '/api/v1/payment-runs', { json: { pay_up_to: '2026-11-30' } })
  assert.equal(prepared.status, 201, prepared.text)
  const run = prepared.json()
  assert.deepEqual(run.invoices.map(i => [i.number, i.amount, i.transfer_id]),
    [['BC-1043', '99.00', `inv:${providerId}:BC-1043`], ['BC-1044', '95.50', `inv:${providerId}:BC-1044`]])
  assert.equal(run.total, '194.50')
  assert.equal((await checker.send('POST', `/api/v1/payment-runs/${run.id}/approve`)).status, 200)
  const file = await finance.send('POST', `/api/v1/payment-runs/${run.id}/export?format=csv`)
  assert.equal(file.status, 200, file.text)
  assert.match(file.text, /INV BC-1043/)
  const paidOnce = `SELECT count(*) FROM ledger_transfers WHERE transfer_id IN ('inv:${providerId}:BC-1043', 'inv:${providerId}:BC-1044')`
  assert.equal(sql(db, paidOnce), '2')
  // Replayed: the same file, nothing posted twice; a second run finds nothing to pay.
  const replay = await finance.send('POST', `/api/v1/payment-runs/${run.id}/export?format=csv`)
  assert.equal(replay.text, file.text)
  assert.equal(sql(db, paidOnce), '2')
  const second = await finance.send('POST', '/api/v1/payment-runs', { json: { pay_up_to: '2026-11-30' } })
  assert.equal(second.status, 422)
  assert.equal((await finance.request('GET', `/api/v1/invoices/${over.id}`)).json().state, 'paid')
  assert.equal(sql(db, "SELECT count(*) FROM invoice_run_items i JOIN invoices v ON v.id = i.invoice_id WHERE v.number = 'BC-1042'"), '0')
  // The provider's account shows what it was paid.
  assert.equal(sql(db, `SELECT sum(amount_pence) FROM ledger_transfers WHERE transfer_id LIKE 'inv:${providerId}:%'`), '29000')
  // Every look and decision is in the person's trail.
  const margaret = await auditEntries(server, `?person_id=${MARGARET}`)
  for (const action of ['record_invoice', 'view_invoice', 'write_invoice_message', 'release_invoice', 'approve_invoice'])
    assert.ok(margaret.some(e => e.action === action), action)
})

test(`the finance pages: held first with who must act, and an invoice's page (${backend})`, async () => {
  const finance = await as('finance')
  const listPage = await finance.request('GET', '/invoices')
  assert.equal(listPage.status, 200)
  assert.ok(listPage.text.indexOf('BC-1042') < listPage.text.indexOf('BC-1041'))
  assert.match(listPage.text, /Brightside Care \(the provider\)/)
  const held = (await list(finance)).find(i => i.number === 'BC-1042')
  const page = await finance.request('GET', `/invoices/${held.id}`)
  assert.match(page.text, /The invoice differs from the support plan/)
  assert.match(page.text, /Release for payment/)
  // A rejection without a reason is refused, naming the field; the invoice stays held.
  const noReason = await finance.send('POST', `/api/v1/invoices/${held.id}/reject`, { json: {} })
  assert.equal(noReason.status, 422)
  assert.equal(noReason.json().errors[0].field, 'message')
  assert.equal((await list(finance)).find(i => i.number === 'BC-1042').state, 'held')
  const provider = await as('provider')
  assert.equal((await provider.request('GET', '/invoices/new')).status, 200)
  assert.equal((await finance.request('GET', '/invoices/999999')).status, 404)
})
