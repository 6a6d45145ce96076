// A served SQLite database keeps the query planner's statistics up by itself
// (docs/performance.md, "Planner statistics"): with the refresh interval at
// nought (`--sqlite-optimize-seconds 0`, as PATCHWORK_SQLITE_OPTIMIZE_SECONDS
// can also set it), a fresh database has sqlite_stat1 rows for the tables its
// pages read while the server is still running; with the default hour it has
// none until the server stops and its connections close. PostgreSQL needs
// none of this (autovacuum analyses its tables), so the option changes
// nothing there and the test is SQLite's.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, sql, startServer, Client } from '../support/harness.mjs'

const statistics = db => Number(sql(db, "SELECT CASE WHEN EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1') " +
  "THEN (SELECT count(*) FROM sqlite_stat1 WHERE tbl IN ('people', 'worker_allocations', 'sessions')) ELSE 0 END"))

async function browse (server) {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  for (const path of ['/home', '/people/1', '/api/v1/me']) assert.equal((await worker.request('GET', path)).status, 200, path)
}

function freshWithoutStatistics () {
  const db = demoDatabase()
  if (Number(sql(db, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")) > 0) sql(db, 'DELETE FROM sqlite_stat1')
  assert.equal(statistics(db), 0)
  return db
}

test('a served SQLite database gets planner statistics while it is served, and when the server stops', { skip: backend !== 'sqlite' && 'SQLite only: PostgreSQL\'s autovacuum analyses' }, async () => {
  const db = freshWithoutStatistics()
  const server = await startServer(db, ['--sqlite-optimize-seconds', '0'])
  await browse(server)
  // Handed back after each request: the statistics are there, the server still running.
  assert.ok(statistics(db) > 0, 'sqlite_stat1 has rows while serving')
  await server.stop()

  // Within the hour (the default), nothing until the server stops.
  const other = freshWithoutStatistics()
  const hourly = await startServer(other)
  await browse(hourly)
  assert.equal(statistics(other), 0, 'not before the interval')
  await hourly.stop()
  assert.ok(statistics(other) > 0, 'written when the connections closed')
})
