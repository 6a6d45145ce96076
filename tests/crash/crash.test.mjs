// The crash test as the test command runs it, on the back end
// PATCHWORK_BACKEND names (tests/crash/crash.mjs says what each point does and
// checks): 20 kill points of a payment run, and 20 of a statement import
// (the command with a CSV or a camt.053, or the CSV uploaded to the server).
// The seed is printed; PATCHWORK_CRASH_SEED=S repeats a run exactly.
// A hundred points of each, on both back ends: bash bench/crash/run.sh.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { crashPoints, importCrashPoints } from './crash.mjs'
import { backend } from '../support/harness.mjs'

const seed = Number(process.env.PATCHWORK_CRASH_SEED) || Math.floor(Math.random() * 2 ** 31)

test(`a payment run killed with SIGKILL at 20 random points loses and repeats no penny (${backend}, seed ${seed})`, { timeout: 600000 }, async () => {
  const figures = await crashPoints({ points: 20, seed, extra: 300, log: line => console.log(line) })
  assert.equal(figures.points, 20)
  console.log(`seed ${seed}: ${figures.killedInside} of 20 kills landed inside the operation`)
})

test(`a statement import killed with SIGKILL at 20 random points loses and repeats no line or penny (${backend}, seed ${seed})`, { timeout: 600000 }, async () => {
  // PostgreSQL imports a line in a few round trips, several times SQLite's
  // time a line: each size puts most kills inside the import without making
  // the entry much longer than the payment points.
  const figures = await importCrashPoints({ points: 20, seed, lines: backend === 'postgres' ? 1500 : 5000, log: line => console.log(line) })
  assert.equal(figures.points, 20)
  console.log(`seed ${seed}: ${figures.killedInside} of 20 kills landed inside the import ` +
    `(csv ${figures.byOperation.csv || 0}, camt.053 ${figures.byOperation.camt || 0}, upload ${figures.byOperation.http || 0})`)
})
