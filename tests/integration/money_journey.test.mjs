// The money issue (#16) end to end, across its parts, on a fresh demo
// database and both back ends, through the real HTTP API (and the command
// line where that is the product's way: a budget holder's sign-in is made by
// `patchwork user add`, and a statement may be imported by
// `patchwork import-statement`), each step as the role that does it:
//
//   a new person's direct payment, £213.70 a week from 5 October 2026, paid
//   four-weekly by three payment runs (prepared by `finance`, approved by
//   `finance.checker`, exported); her bank statement imported twice (the
//   second adds nothing); the surplus above the reserve flagged by the
//   monitoring check, recovered (prepared by one officer, refused when the
//   same officer approves, approved by another) and shown in her own balance;
//   then her death recorded after the third payment, opening a recovery case
//   for the days after it.
//
// Every figure below is worked out here from the rules in docs/money.md, not
// copied from what the program prints:
//
//   weekly    10 hours × £21.37 = £213.70 (no financial assessment yet, so no
//             contribution is deducted: "A contribution not yet assessed
//             deducts nothing")
//   period    four-weekly: 28 days × 21,370 ÷ 7 = 85,480 pence = £854.80,
//             exact, each of 5 October, 2 November and 30 November 2026
//   paid in   3 × £854.80 = £2,564.40, each valued on the processing day (the
//             later of the run's date and the day it was exported: today)
//   spent     HMRC £45.67 + Fish Insurance £15.00 = £60.67 (both categorised by
//             the council's default rules); the three payments in on the
//             statement are matched to the runs' transfers, not posted again
//   held      £2,564.40 − £60.67 = £2,503.73
//   reserve   8 weeks × £213.70 = £1,709.60; surplus £2,503.73 − £1,709.60 = £794.13
//   recovered £794.13 (all of it): held £1,709.60 afterwards
//   death     on 1 December 2026, in the period 30 November to 27 December:
//             the 26 days 2 to 27 December were paid for and are owed back,
//             floor(26 × 21,370 ÷ 7) = floor(79,374.28…) = 79,374 pence = £793.74
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { backend, demoDatabase, startServer, Client, sql, run, auditEntries } from '../support/harness.mjs'
import { eligiblePerson, involve } from '../support/planning.mjs'

let server
let db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

const today = new Date().toISOString().slice(0, 10)

async function as (username, password) {
  const c = new Client(server)
  await c.signIn(username, password)
  return c
}

// Pence from the wire's pounds and pence, exactly (no floating point).
const pence = s => {
  const m = /^(-?)(\d+)\.(\d\d)$/.exec(s)
  assert.ok(m, `an amount in pounds and pence: ${s}`)
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]))
}

const WEEKLY = 21370
const PERIOD = 28 * WEEKLY / 7  // exact: 85,480
const PERIODS = [['2026-10-05', '2026-11-01'], ['2026-11-02', '2026-11-29'], ['2026-11-30', '2026-12-27']]
const PAID_IN = 3 * PERIOD
const SPENT = 4567 + 1500
const HELD = PAID_IN - SPENT
const RESERVE = 8 * WEEKLY
const SURPLUS = HELD - RESERVE
const DIED_ON = '2026-12-01'
const DAYS_AFTER = 26  // 2 to 27 December
const OWED = Math.floor(DAYS_AFTER * WEEKLY / 7)

test('the figures the journey expects, worked out from docs/money.md', () => {
  assert.equal(PERIOD, 85480)
  assert.equal(PAID_IN, 256440)
  assert.equal(HELD, 250373)
  assert.equal(RESERVE, 170960)
  assert.equal(SURPLUS, 79413)
  assert.equal(OWED, 79374)
})

test(`a direct payment paid by three runs, its statement imported twice, the surplus flagged and recovered, and a death after a payment (${backend})`, async () => {
  const worker = await as('social.worker')
  const manager = await as('team.manager')
  const finance = await as('finance')
  const checker = await as('finance.checker')

  // ---- The person, her plan and the budget it makes (#15), from 5 October 2026.
  const { person, indicative } = await eligiblePerson(worker, 'Ivy')
  const base = `/api/v1/people/${person}/plans`
  const v1 = (await worker.send('POST', base, { json: { helped_by: 'nobody', views_included: 'fully' } })).json()
  const at = `${base}/${v1.id}`
  for (const [where, json] of [
    ['outcomes', { words: 'I want to stay at home and keep my house in order', aim: 'keep', needs: v1.eligible_needs.join(',') }],
    ['parts', { key: 'A', mechanism: 'direct_payment', recipient: 'person', held_in: 'bank_account', manages: 'by_themself', manages_decided_by: 'Sam Patel', manages_decided_on: '2026-09-28' }],
    ['lines', {
      description: 'A personal assistant I employ, for the house and the shops', supplier_kind: 'personal_assistant', supplier_name: 'Rosa Lind',
      unit_cost: '21.37', cost_frequency: 'Hourly', planned_units_per_week: '10', service_type: 'Long Term Support: Community',
      service_component: 'Home Care', part: 'A', outcomes: '1', payee_relationship: 'not_related'
    }]
  ]) {
    const r = await worker.send('POST', `${at}/${where}`, { json })
    assert.equal(r.status, 201, `${where}: ${r.text}`)
  }
  const details = await worker.send('PUT', at, { json: { effective_from: '2026-10-05', backup_cover: 'Her neighbour', who_to_call: 'Tom, 07700 900111', contingency_amount: '0', wellbeing: 'Her garden', prevention_advice: 'A falls check at the GP' } })
  assert.equal(details.status, 200, details.text)
  await involve(worker, at, 'Ivy Planner')
  assert.equal((await worker.send('POST', `${at}/submit`, { json: {} })).status, 200)
  const request = (await manager.request('GET', '/api/v1/approvals')).json().approvals.find(a => a.plan_id === v1.id)
  assert.equal(request.weekly_cost_pence, WEEKLY)
  const decision = { decision: 'approve' }
  if (indicative !== WEEKLY) Object.assign(decision, { variance_reason: 'needs_not_reflected', variance_text: 'She wants her own assistant.' })
  const approved = await manager.send('POST', `/api/v1/approvals/${request.id}/decision`, { json: decision })
  assert.equal(approved.status, 200, approved.text)
  const budget = (await worker.request('GET', `/api/v1/people/${person}/budgets`)).json().budgets[0]
  assert.equal(budget.effective_from, '2026-10-05')

  // She signs in herself: her budget holder account, made the product's way.
  const password = 'ivy-planner-long-password'
  const added = run(['user', 'add', '--db', db, '--council', 'E10999901', '--username', 'ivy.planner', '--name', 'Ivy Planner',
    '--role', 'budget_holder', '--person-id', String(person), '--password-stdin'], { input: password + '\n' })
  assert.equal(added.status, 0, added.stderr)
  const ivy = await as('ivy.planner', password)

  // ---- Payments: a schedule and bank details (finance), then three runs.
  const schedule = await finance.send('POST', `/api/v1/people/${person}/payment-schedules`, { json: { part_key: 'A', frequency: 'four_weekly', starts_on: '2026-10-05' } })
  assert.equal(schedule.status, 200, schedule.text)
  const bank = await finance.send('POST', `/api/v1/people/${person}/bank-details`, { json: { part_key: 'A', account_name: 'Ivy Planner', sort_code: '40-11-62', account_number: '71234568' } })
  assert.equal(bank.status, 201, bank.text)
  const transferIds = []
  for (const [start, end] of PERIODS) {
    const prepared = await finance.send('POST', '/api/v1/payment-runs', { json: { pay_up_to: start } })
    assert.equal(prepared.status, 201, prepared.text)
    const runId = prepared.json().id
    const shown = (await finance.request('GET', `/api/v1/payment-runs/${runId}`)).json()
    // Only her period is due on each date: the demo's own payments are in the demo's runs already.
    assert.deepEqual(shown.items.map(i => [i.person_id, i.part_key, i.period_start, i.period_end, pence(i.amount)]), [[person, 'A', start, end, PERIOD]])
    assert.equal(pence(shown.total), PERIOD)
    // The preparer cannot approve her own run; another officer does.
    const own = await finance.send('POST', `/api/v1/payment-runs/${runId}/approve`, { json: {} })
    assert.equal(own.status, 403, own.text)
    const ok = await checker.send('POST', `/api/v1/payment-runs/${runId}/approve`, { json: {} })
    assert.equal(ok.status, 200, ok.text)
    const exported = await finance.send('POST', `/api/v1/payment-runs/${runId}/export?format=csv`)
    assert.equal(exported.status, 200, exported.text)
    const rows = exported.text.trim().split('\r\n')
    assert.equal(rows.length, 2)
    assert.match(rows[1], new RegExp(`,${start},${end},854\\.80,Ivy Planner,401162,71234568,`))
    transferIds.push(shown.items[0].transfer_id)
  }
  assert.deepEqual(transferIds, PERIODS.map(([start]) => `pay:${person}:A:${start}`))
  for (const id of transferIds) assert.equal(sql(db, `SELECT amount_pence || ' ' || value_date FROM ledger_transfers WHERE transfer_id = '${id}'`), `${PERIOD} ${today}`)
  const accounts = (await finance.request('GET', `/api/v1/people/${person}/accounts`)).json().accounts
  const account = accounts.find(a => a.kind === 'direct_payment').id
  assert.equal(pence((await finance.request('GET', `/api/v1/accounts/${account}`)).json().balance), PAID_IN)

  // ---- Her bank statement, imported twice: the second time adds nothing.
  const ref = start => `PB${person} A ${new Date(start + 'T00:00:00Z').toLocaleDateString('en-GB', { day: '2-digit', month: 'short', year: '2-digit', timeZone: 'UTC' }).replace(/ /g, '').toUpperCase()}`
  const statement = 'Id,Date,Payee,Description,Reference,Amount,Balance\n' +
    PERIODS.map(([start], n) => `IV-${n + 1},${today},NORTHSHIRE COUNCIL,Direct payment,${ref(start)},854.80,\n`).join('') +
    `IV-4,${today},HMRC,PAYE for Rosa Lind,,-45.67,\n` +
    `IV-5,${today},FISH INSURANCE,Employer's liability insurance,,-15.00,2503.73\n`
  const upload = () => finance.send('POST', `/api/v1/accounts/${account}/statements?format=csv&mapping=patchwork&file_name=ivy.csv`, { body: statement, headers: { 'content-type': 'text/csv' } })
  const first = await upload()
  assert.equal(first.status, 201, first.text)
  assert.deepEqual([first.json().lines_read, first.json().lines_added, first.json().lines_matched], [5, 5, 3])
  assert.deepEqual(first.json().raised, [], 'every line reconciled: the payments matched, the spending categorised, the balance agreed')
  const second = await upload()
  assert.equal(second.status, 201, second.text)
  assert.deepEqual([second.json().lines_added, second.json().lines_already, second.json().raised.length], [0, 5, 0])
  // And once more through the command, as a nightly job would: still nothing new.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'patchwork-journey.'))
  writeFileSync(path.join(dir, 'ivy.csv'), statement)
  const cli = run(['import-statement', '--db', db, '--account', String(account), '--file', path.join(dir, 'ivy.csv'), '--mapping', 'patchwork'])
  assert.equal(cli.status, 0, cli.stderr)
  assert.match(cli.stdout, /5 already imported/)
  const lines = (await finance.request('GET', `/api/v1/accounts/${account}/statement-lines?from=${today}&to=${today}`)).json().lines
  assert.equal(lines.length, 5)
  assert.deepEqual(lines.filter(l => l.amount.startsWith('-')).map(l => [l.category, pence(l.amount)]).sort(), [['employers_insurance', -1500], ['paye_and_pension', -4567]])
  assert.deepEqual(lines.filter(l => !l.amount.startsWith('-')).map(l => l.transfer_id).sort(), [...transferIds].sort(), 'money in is the runs\' transfers, not new ones')
  assert.equal(sql(db, `SELECT count(*) FROM ledger_transfers WHERE transfer_id LIKE 'stmt:${account}:%'`), '2')
  assert.equal(pence((await finance.request('GET', `/api/v1/accounts/${account}`)).json().balance), HELD)

  // ---- The monitoring check flags the surplus above the reserve.
  const check = await finance.send('POST', '/api/v1/flags/check', { json: { date: today } })
  assert.equal(check.status, 200, check.text)
  const flags = (await finance.request('GET', `/api/v1/flags?person_id=${person}&kind=above_reserve`)).json().flags
  assert.equal(flags.length, 1)
  const flag = flags[0]
  assert.equal(flag.evidence.summary, '£2,503.73 held, the plan allows £1,709.60 (8 weeks)')
  assert.equal(pence(flag.evidence.amount), SURPLUS)
  assert.equal((await finance.send('POST', `/api/v1/flags/${flag.id}/work`, { json: { step: 'looked_at', note: 'Rang Ivy: she saved up for a new bed' } })).status, 200)
  const outcome = await finance.send('POST', `/api/v1/flags/${flag.id}/work`, { json: { step: 'outcome', outcome: 'recover_surplus', note: 'Agreed with Ivy; the bed came from her own money' } })
  assert.equal(outcome.status, 200, outcome.text)
  assert.equal(pence(outcome.json().surplus_now), SURPLUS)

  // ---- Recovered: more than the surplus refused; prepared by one officer, refused to her, approved by another.
  const over = await finance.send('POST', `/api/v1/flags/${flag.id}/recovery`, { json: { amount: '794.14' } })
  assert.equal(over.status, 422, over.text)
  const prepared = await finance.send('POST', `/api/v1/flags/${flag.id}/recovery`, { json: { amount: '794.13' } })
  assert.equal(prepared.status, 201, prepared.text)
  const self = await finance.send('POST', `/api/v1/flags/${flag.id}/recovery/approve`, { json: {} })
  assert.equal(self.status, 403, self.text)
  assert.match(self.json().detail, /you prepared this surplus recovery/)
  assert.equal(sql(db, `SELECT count(*) FROM ledger_transfers WHERE transfer_id = 'surplus:${flag.id}'`), '0')
  const recovered = await checker.send('POST', `/api/v1/flags/${flag.id}/recovery/approve`, { json: {} })
  assert.equal(recovered.status, 200, recovered.text)
  assert.equal(recovered.json().transfer_id, `surplus:${flag.id}`)
  assert.equal(sql(db, `SELECT amount_pence FROM ledger_transfers WHERE transfer_id = 'surplus:${flag.id}'`), String(SURPLUS))
  const trail = await auditEntries(server, '?username=finance')
  assert.ok(trail.some(e => e.action === 'decide_surplus_recovery' && e.outcome === 'refused' && e.person_id === person), JSON.stringify(trail.filter(e => e.action === 'decide_surplus_recovery')))

  // ---- Shown in her own balance: the API and her page.
  const money = await ivy.request('GET', `/api/v1/me/people/${person}/money?from=${today}&to=${today}`)
  assert.equal(money.status, 200, money.text)
  const part = money.json().parts[0]
  assert.deepEqual([part.paid_in, part.spent, part.recovered, part.held, part.reserve_allowed].map(pence), [PAID_IN, SPENT, SURPLUS, RESERVE, RESERVE])
  assert.equal(pence(part.left), PAID_IN - SPENT - SURPLUS)
  const page = await ivy.request('GET', `/my/${person}/money`)
  assert.equal(page.status, 200, page.text)
  assert.match(page.text, /£794\.13/)
  assert.match(page.text, /£1,709\.60/)
  // Nobody else's budget holder sees it.
  assert.equal((await (await as('budget.holder')).request('GET', `/api/v1/me/people/${person}/money`)).status, 403)

  // ---- She dies on 1 December, after the third payment (for 30 November to 27 December).
  const died = await worker.send('POST', `/api/v1/people/${person}/end-of-support`, { json: { kind: 'died', on: DIED_ON } })
  assert.equal(died.status, 201, died.text)
  const k = died.json().recovery_case
  assert.deepEqual(k.periods.map(p => [p.period_start, p.days_after, pence(p.overpaid)]), [['2026-11-30', DAYS_AFTER, OWED]])
  assert.equal(pence(k.amount), OWED)
  assert.equal(k.state, 'open')
  assert.equal(sql(db, `SELECT amount_pence FROM ledger_transfers WHERE transfer_id LIKE 'recovery:${k.id}:%'`), String(OWED))
  // No further run pays her.
  const later = await finance.send('POST', '/api/v1/payment-runs', { json: { pay_up_to: '2026-12-28' } })
  if (later.status === 201) {
    const items = (await finance.request('GET', `/api/v1/payment-runs/${later.json().id}`)).json().items
    assert.ok(items.every(i => i.person_id !== person), JSON.stringify(items))
  } else assert.equal(later.status, 422, later.text)
})
