// Statement import (#16, docs/statements.md "Importing a statement") over
// HTTP and through `patchwork import-statement`, both back ends: finance
// uploads Joseph's bank CSV; the same file again adds nothing; lines,
// imports and exceptions are listed to those who may see the account; an
// exception is worked, and the category chosen is used by the next import; a
// bad file is a 422 naming the line, and nothing of it is written; only
// finance imports, and every step is audited.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { backend, demoDatabase, startServer, Client, auditEntries, run } from '../support/harness.mjs'

let server, db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

const JOSEPH = 2

async function signedIn (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

async function josephsAccount () {
  const r = await (await signedIn('budget.holder')).request('GET', `/api/v1/people/${JOSEPH}/accounts`)
  assert.equal(r.status, 200, r.text)
  return r.json().accounts[0].id
}

const HEADER = 'Id,Date,Payee,Description,Reference,Amount,Balance\n'
// Joseph's own bank, in Patchwork's CSV: wages to a new PA (no rule knows
// her), HMRC (a council default), and £25.00 in from nobody the ledger knows.
const NOVEMBER = HEADER +
  'J1,2026-11-03,HMRC,PAYE,,-60.00,\n' +
  'J2,2026-11-06,L OKAFOR,wages,,-120.00,\n' +
  'J3,2026-11-07,JOSEPH,transfer,,25.00,\n'

function upload (client, account, text, query = 'format=csv&mapping=patchwork&file_name=november.csv') {
  return client.send('POST', `/api/v1/accounts/${account}/statements?${query}`, { body: text, headers: { 'content-type': 'text/csv' } })
}

test(`finance imports a statement; the same file again adds nothing (${backend})`, async () => {
  const finance = await signedIn('finance')
  const account = await josephsAccount()
  const first = await upload(finance, account, NOVEMBER)
  assert.equal(first.status, 201, first.text)
  const body = first.json()
  assert.equal(body.lines_read, 3)
  assert.equal(body.lines_added, 3)
  assert.equal(body.lines_matched, 0)
  assert.deepEqual(body.raised.map(e => e.kind).sort(), ['uncategorised', 'unknown_reference'])

  const again = await upload(finance, account, NOVEMBER)
  assert.equal(again.status, 201, again.text)
  assert.equal(again.json().lines_added, 0)
  assert.equal(again.json().lines_already, 3)
  assert.equal(again.json().raised.length, 0)

  const lines = await finance.request('GET', `/api/v1/accounts/${account}/statement-lines?from=2026-11-01&to=2026-11-30`)
  assert.equal(lines.status, 200, lines.text)
  const got = lines.json().lines
  assert.equal(got.length, 3)
  assert.equal(got[0].category, 'paye_and_pension')
  assert.equal(got[0].transfer_id, `stmt:${account}:id:J1`)
  assert.equal(got[1].category, null)

  // Joseph sees his own account's lines; a worker with no link to him does not import.
  const joseph = await signedIn('budget.holder')
  assert.equal((await joseph.request('GET', `/api/v1/accounts/${account}/statement-lines?from=2026-11-01&to=2026-11-30`)).status, 200)
  const refused = await upload(await signedIn('social.worker'), account, NOVEMBER)
  assert.equal(refused.status, 403, refused.text)
  const imports = await finance.request('GET', `/api/v1/accounts/${account}/statements`)
  assert.equal(imports.json().imports.length, 2)

  const audit = (await auditEntries(server, '?username=finance')).filter(e => e.action === 'import_statement')
  assert.ok(audit.some(e => e.outcome === 'allowed' && /3 read, 3 added/.test(e.reason)), JSON.stringify(audit))
})

test(`an exception is worked by finance, and the category chosen is used by the next import (${backend})`, async () => {
  const finance = await signedIn('finance')
  const account = await josephsAccount()
  const list = await finance.request('GET', '/api/v1/statement-exceptions')
  assert.equal(list.status, 200, list.text)
  const wages = list.json().exceptions.find(e => e.kind === 'uncategorised' && e.account_id === account)
  assert.ok(wages, list.text)
  assert.equal((await (await signedIn('social.worker')).request('GET', '/api/v1/statement-exceptions')).status, 403)

  const bad = await finance.send('POST', `/api/v1/statement-exceptions/${wages.id}`, { json: { action: 'categorise', category: 'wages' } })
  assert.equal(bad.status, 422, bad.text)
  assert.equal(bad.json().errors[0].field, 'category')
  const worked = await finance.send('POST', `/api/v1/statement-exceptions/${wages.id}`, { json: { action: 'categorise', category: 'pa_wages' } })
  assert.equal(worked.status, 200, worked.text)
  assert.equal(worked.json().state, 'resolved')
  assert.match(worked.json().outcome, /learned/)
  const twice = await finance.send('POST', `/api/v1/statement-exceptions/${wages.id}`, { json: { action: 'close', reason: 'again' } })
  assert.equal(twice.status, 422, twice.text)

  // The money in from Joseph himself: closed with a reason.
  const unknown = list.json().exceptions.find(e => e.kind === 'unknown_reference' && e.account_id === account)
  const noReason = await finance.send('POST', `/api/v1/statement-exceptions/${unknown.id}`, { json: { action: 'close', reason: ' ' } })
  assert.equal(noReason.status, 422, noReason.text)
  assert.equal(noReason.json().errors[0].field, 'reason')
  const closed = await finance.send('POST', `/api/v1/statement-exceptions/${unknown.id}`, { json: { action: 'close', reason: 'Joseph topped up from his own account' } })
  assert.equal(closed.status, 200, closed.text)

  // December: the same PA, another amount: categorised by what was learned.
  const december = await upload(finance, account, HEADER + 'J4,2026-11-20,L OKAFOR,wages,,-130.00,\n', 'format=csv&mapping=patchwork&file_name=december.csv')
  assert.equal(december.status, 201, december.text)
  assert.equal(december.json().raised.length, 0, december.text)
  const lines = (await finance.request('GET', `/api/v1/accounts/${account}/statement-lines?from=2026-11-20&to=2026-11-20`)).json().lines
  assert.equal(lines[0].category, 'pa_wages')
  assert.match(lines[0].category_why, /learned from finance/)

  // A posted line moved to another category, through the ledger.
  const moved = await finance.send('POST', `/api/v1/statement-lines/${lines[0].id}/category`, { json: { category: 'agency_care' } })
  assert.equal(moved.status, 200, moved.text)
  assert.equal(moved.json().category, 'agency_care')
  const worked_audit = (await auditEntries(server, '?username=finance')).filter(e => e.action === 'work_statement_exception')
  assert.ok(worked_audit.some(e => /Joseph topped up/.test(e.reason)), JSON.stringify(worked_audit))
})

test(`a bad file is refused naming the line, and nothing of it is written (${backend})`, async () => {
  const finance = await signedIn('finance')
  const account = await josephsAccount()
  const before = (await finance.request('GET', `/api/v1/accounts/${account}/statements`)).json().imports.length
  const threeDecimals = HEADER + 'K1,2026-11-25,HMRC,PAYE,,-10.00,\nK2,2026-11-26,HMRC,PAYE,,-10.005,\n'
  const r = await upload(finance, account, threeDecimals)
  assert.equal(r.status, 422, r.text)
  assert.equal(r.json().errors[0].field, 'line 3')
  assert.match(r.json().detail, /line 3/)
  assert.equal(r.json().rejections[0].line, 3)
  const after = (await finance.request('GET', `/api/v1/accounts/${account}/statements`)).json().imports.length
  assert.equal(after, before)
  const lines = (await finance.request('GET', `/api/v1/accounts/${account}/statement-lines?from=2026-11-25&to=2026-11-26`)).json().lines
  assert.equal(lines.length, 0)

  // Imported without the bad line when finance chooses so; the line is listed to be worked.
  const some = await upload(finance, account, threeDecimals, 'format=csv&mapping=patchwork&choice=without_rejected_lines')
  assert.equal(some.status, 201, some.text)
  assert.equal(some.json().lines_added, 1)
  assert.equal(some.json().raised[0].kind, 'rejected_line')

  // The wrong format, a spreadsheet, an unknown mapping.
  const wrong = await upload(finance, account, NOVEMBER, 'format=camt053')
  assert.equal(wrong.status, 422, wrong.text)
  const pdf = await upload(finance, account, '%PDF-1.4\n1 0 obj\n', 'format=auto')
  assert.equal(pdf.status, 422, pdf.text)
  const mapping = await upload(finance, account, NOVEMBER, 'format=csv&mapping=nosuchbank')
  assert.equal(mapping.status, 422, mapping.text)
  assert.equal(mapping.json().errors[0].field, 'mapping')
  const refusedAudit = (await auditEntries(server, '?username=finance')).filter(e => e.action === 'import_statement')
  assert.ok(refusedAudit.some(e => e.outcome === 'refused'), JSON.stringify(refusedAudit))
})

test(`the demo: Margaret's statement, matched to the council's payment, with one exception to work (${backend})`, async () => {
  const finance = await signedIn('finance')
  const accounts = (await finance.request('GET', '/api/v1/people/1/accounts')).json().accounts
  const dp = accounts.find(a => a.kind === 'direct_payment')
  const imports = (await finance.request('GET', `/api/v1/accounts/${dp.id}/statements`)).json().imports
  // Sarah's bank statement; the monitoring demo's card line is the other import.
  const sarahs = imports.filter(i => i.file_name === 'sarah-ellis-statement.csv')
  assert.equal(sarahs.length, 1, JSON.stringify(imports))
  assert.equal(sarahs[0].lines_matched, 1)
  const exceptions = (await finance.request('GET', `/api/v1/accounts/${dp.id}/statement-exceptions`)).json().exceptions
  assert.equal(exceptions.filter(e => e.state === 'open').length, 1, JSON.stringify(exceptions))
})

test(`patchwork import-statement: the summary, and a refusal naming the line (${backend})`, async () => {
  const account = await josephsAccount()
  const dir = os.tmpdir()
  const good = path.join(dir, `stmt-${process.pid}-good.csv`)
  writeFileSync(good, HEADER + 'C1,2026-11-27,HMRC,PAYE,,-5.00,\n')
  const ok = run(['import-statement', '--db', db, '--account', String(account), '--file', good, '--mapping', 'patchwork'])
  assert.equal(ok.status, 0, ok.stderr)
  assert.match(ok.stdout, /1 lines read/)
  assert.match(ok.stdout, /1 added/)
  assert.doesNotMatch(ok.stderr, /\[#/) // no progress bar when standard error is not a terminal
  const again = run(['import-statement', '--db', db, '--account', String(account), '--file', good, '--mapping', 'patchwork'])
  assert.match(again.stdout, /1 already imported/)
  const bad = path.join(dir, `stmt-${process.pid}-bad.csv`)
  writeFileSync(bad, HEADER + 'C2,2026-11-28,HMRC,PAYE,,-5.001,\n')
  const refused = run(['import-statement', '--db', db, '--account', String(account), '--file', bad, '--format', 'csv', '--mapping', 'patchwork'])
  assert.equal(refused.status, 2)
  assert.match(refused.stderr, /line 2/)
  const notHolding = run(['import-statement', '--db', db, '--account', '999999', '--file', good])
  assert.equal(notHolding.status, 2)
  assert.match(notHolding.stderr, /--account/)
})
