import { test } from "node:test";
import assert from "node:assert/strict";

import {
  describeScan, emptyScan, isEmptyScan, pushVersion, readHistory, removeVersion, sameScan,
} from "../../theme/assets/js/core/history.js";

const scan = (n) => ({ municipality: "Almere", date: "2026-11-20", answers: { q1: n }, notes: {} });

test("versions stack newest first and keep at most the limit", () => {
  let history = [];
  for (let n = 1; n <= 12; n++) history = pushVersion(history, scan(n), `stap ${n}`, `t${n}`, 10);
  assert.equal(history.length, 10);
  assert.equal(history[0].reason, "stap 12");
  assert.equal(history[9].reason, "stap 3");
});

test("going back and forth between two scans never pushes out a third", () => {
  const unique = { ...scan(9), notes: { q1: "UNIEK" } };
  let history = pushVersion([], unique, "gewist", "t0", 10);
  for (let n = 0; n < 6; n++) {
    history = pushVersion(history, scan(1), "voor terugzetten", `a${n}`, 10);
    history = pushVersion(history, scan(2), "voor ongedaan maken", `b${n}`, 10);
  }
  assert.equal(history.length, 3);
  assert.ok(history.some((v) => v.scan.notes.q1 === "UNIEK"));
  assert.equal(history[0].savedAt, "b5");
});

test("an empty scan or one equal to the newest version adds nothing", () => {
  const one = pushVersion([], scan(1), "a", "t", 10);
  assert.equal(pushVersion(one, emptyScan(), "b", "t", 10), one);
  assert.equal(pushVersion(one, { ...scan(1), answers: { q1: 1 } }, "c", "t", 10), one);
  assert.equal(pushVersion(one, scan(2), "d", "t", 10).length, 2);
});

test("restoring a version twice never loses the scan in progress", () => {
  // import A over the scan in progress, then B, then go back: the scan in progress is still there.
  const inProgress = scan(3);
  let history = pushVersion([], inProgress, "voor import A", "t1", 10);
  history = pushVersion(history, scan(1), "voor import B", "t2", 10);
  assert.ok(history.some((v) => sameScan(v.scan, inProgress)));
});

test("sameScan ignores key order; isEmptyScan", () => {
  const a = { municipality: "A", date: "", answers: { x: 1, y: 2 }, notes: {} };
  const b = { municipality: "A", date: "", answers: { y: 2, x: 1 }, notes: {} };
  assert.ok(sameScan(a, b));
  assert.ok(!sameScan(a, { ...b, notes: { x: "n" } }));
  assert.ok(isEmptyScan(emptyScan()));
  assert.ok(isEmptyScan({ ...emptyScan(), municipality: "Urk", date: "2026-01-01" }));
  assert.ok(!isEmptyScan({ ...emptyScan(), notes: { x: "n" } }));
});

test("removeVersion and describeScan", () => {
  const history = [1, 2, 3].map((n) => ({ scan: scan(n), reason: "", savedAt: "" }));
  assert.deepEqual(removeVersion(history, 1).map((v) => v.scan.answers.q1), [1, 3]);
  assert.equal(describeScan({ ...scan(1), notes: { q1: "x" } }, 51), "Almere, scan van 2026-11-20: 1 van 51 vragen beantwoord, 1 notitie");
  assert.equal(describeScan(emptyScan(), 3), "geen gemeente gekozen: 0 van 3 vragen beantwoord, 0 notities");
  // An indicator answered with a trend and a figure is one question answered; a figure alone too.
  const indicators = { ...scan(1), answers: { q1: 1, i1: "toenemend" }, figures: { i1: 12, i2: 3 } };
  assert.equal(describeScan(indicators, 51), "Almere, scan van 2026-11-20: 3 van 51 vragen beantwoord, 0 notities");
});

test("a figure is part of the scan: it makes a scan not empty and two scans different", () => {
  const withFigure = { ...emptyScan(), figures: { i1: 12 } };
  assert.ok(!isEmptyScan(withFigure));
  assert.ok(!sameScan(withFigure, { ...withFigure, figures: { i1: 13 } }));
  assert.ok(sameScan(withFigure, { ...withFigure, kinds: { i1: "indicator" } }), "the kinds stored beside it are no part of it");
  assert.ok(isEmptyScan({ municipality: "", date: "", answers: {}, notes: {} }), "a scan stored before figures existed");
});

test("readHistory keeps only well-formed entries from a damaged store", () => {
  const stored = [null, 3, { scan: null }, { scan: { municipality: "Urk" }, reason: 5 }, { scan: scan(1), savedAt: "t" }];
  const history = readHistory(stored, 10);
  assert.equal(history.length, 2);
  assert.deepEqual(history[0].scan, { municipality: "Urk", date: "", answers: {}, figures: {}, notes: {} });
  assert.equal(history[0].reason, "5");
  assert.deepEqual(readHistory("nonsense", 10), []);
});
