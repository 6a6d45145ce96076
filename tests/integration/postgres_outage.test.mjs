// PostgreSQL stops while Patchwork serves: requests get 503 problem documents
// (no crash, no hang), /readyz says not ready, and both recover when the
// database returns, without restarting Patchwork. Uses a PostgreSQL server of its
// own so the other tests' server keeps running.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { backend, readPgEnv, psql, run, startServer, Client } from '../support/harness.mjs'

const script = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../support/pg_cluster.sh')
const dir = mkdtempSync(path.join(os.tmpdir(), 'patchwork-test.'))
const envFile = path.join(dir, 'outage-pg.env')

function cluster (action) {
  const r = spawnSync('bash', [script, action, envFile], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`pg_cluster ${action}: ${r.stderr}`)
}

let server, pg, db
before(async () => {
  if (backend !== 'postgres') return
  cluster('start')
  pg = readPgEnv(envFile)
  psql(pg.PG_ADMIN_URI, 'CREATE DATABASE patchwork_test_outage')
  db = `postgresql://patchwork:${pg.PG_PASSWORD}@127.0.0.1:${pg.PG_PORT}/patchwork_test_outage`
  assert.equal(run(['init', '--db', db]).status, 0)
  assert.equal(run(['demo', '--db', db]).status, 0)
  server = await startServer(db)
})

after(async () => {
  if (server) await server.stop()
  try { cluster('stop') } finally { rmSync(dir, { recursive: true, force: true }) }
})

test('requests fail with 503 while PostgreSQL is down and recover when it is back', { skip: backend !== 'postgres' }, async () => {
  const c = new Client(server)
  await c.signIn('social.worker')
  assert.equal((await c.request('GET', '/api/v1/people/1')).status, 200)

  cluster('pause')
  const started = Date.now()
  const down = await c.request('GET', '/api/v1/people/1')
  assert.equal(down.status, 503)
  assert.match(down.headers['content-type'], /application\/problem\+json/)
  assert.match(down.json().detail, /database/)
  const page = await c.request('GET', '/home')
  assert.equal(page.status, 503)
  assert.match(page.text, /service is unavailable/)
  const ready = await c.request('GET', '/readyz')
  assert.equal(ready.status, 503)
  assert.equal((await c.request('GET', '/healthz')).status, 200, 'the process itself is alive')
  assert.ok(Date.now() - started < 30000, 'answers come quickly, not after a hang')

  cluster('resume')
  let ok = false
  for (let i = 0; i < 50 && !ok; i++) {
    ok = (await c.request('GET', '/readyz')).status === 200
    if (!ok) await new Promise(resolve => setTimeout(resolve, 200))
  }
  assert.ok(ok, '/readyz recovers')
  // The session survived in the database; the same client carries on.
  assert.equal((await c.request('GET', '/api/v1/people/1')).status, 200)
  assert.equal(server.proc.exitCode, null, 'Patchwork never restarted')
})
