// The localStorage wrapper never throws: no storage, a full storage and broken JSON all end softly.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { browserStorage, readJson, remove, writeJson, writeList } from "../../theme/assets/js/storage.js";

/** A Storage-like object in memory; `quota` is the most characters it holds (keys plus values). */
function fakeStorage({ quota = Infinity, failRead = false, failRemove = false } = {}) {
  const items = new Map();
  const used = () => [...items].reduce((sum, [k, v]) => sum + k.length + v.length, 0);
  return {
    items,
    getItem(key) {
      if (failRead) throw new DOMException("The operation is insecure.", "SecurityError");
      return items.has(key) ? items.get(key) : null;
    },
    setItem(key, value) {
      const text = String(value);
      const before = items.get(key);
      items.set(key, text);
      if (used() > quota) {
        if (before === undefined) items.delete(key);
        else items.set(key, before);
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      }
    },
    removeItem(key) {
      if (failRemove) throw new DOMException("The operation is insecure.", "SecurityError");
      items.delete(key);
    },
  };
}

describe("writeJson", () => {
  test("stores JSON and says so", () => {
    const storage = fakeStorage();
    assert.equal(writeJson("k", { a: [1, "twee"] }, storage), true);
    assert.equal(storage.items.get("k"), '{"a":[1,"twee"]}');
  });

  test("returns false on QuotaExceededError and keeps what was stored before", () => {
    const storage = fakeStorage({ quota: 40 });
    assert.equal(writeJson("k", { small: true }, storage), true);
    assert.equal(writeJson("k", { big: "x".repeat(100) }, storage), false);
    assert.deepEqual(readJson("k", null, storage), { small: true });
  });

  test("returns false without storage (private mode, Node) instead of throwing", () => {
    assert.equal(writeJson("k", { a: 1 }, null), false);
  });

  test("returns false for a value JSON cannot hold", () => {
    const cyclic = {};
    cyclic.self = cyclic;
    const storage = fakeStorage();
    assert.equal(writeJson("k", cyclic, storage), false);
    assert.equal(storage.items.has("k"), false);
  });
});

describe("writeList", () => {
  test("stores the whole list when it fits", () => {
    const storage = fakeStorage();
    assert.deepEqual(writeList("k", [1, 2, 3], storage), { ok: true, dropped: 0, list: [1, 2, 3] });
    assert.deepEqual(readJson("k", null, storage), [1, 2, 3]);
  });

  test("leaves out the oldest entries until it fits, never the first", () => {
    const storage = fakeStorage({ quota: 20 }); // the key and one entry: 1 + 14 characters
    const list = ["a".repeat(10), "b".repeat(10), "c".repeat(10)];
    assert.deepEqual(writeList("k", list, storage), { ok: true, dropped: 2, list: list.slice(0, 1) });
    assert.deepEqual(readJson("k", null, storage), list.slice(0, 1));
  });

  test("fails when not even the first entry fits, or there is no storage; what was stored stays", () => {
    const storage = fakeStorage({ quota: 12 });
    writeJson("k", [1], storage);
    assert.deepEqual(writeList("k", ["x".repeat(20), "y"], storage), { ok: false, dropped: 0, list: ["x".repeat(20), "y"] });
    assert.deepEqual(readJson("k", null, storage), [1]);
    assert.equal(writeList("k", [1, 2], null).ok, false);
  });
});

describe("readJson", () => {
  test("reads back what was written", () => {
    const storage = fakeStorage();
    writeJson("k", { vraag: 3, notitie: "één" }, storage);
    assert.deepEqual(readJson("k", {}, storage), { vraag: 3, notitie: "één" });
  });

  test("gives the fallback for a missing key, broken JSON, a stored null or a storage that throws", () => {
    const storage = fakeStorage();
    storage.items.set("broken", "{not json");
    storage.items.set("null", "null");
    assert.deepEqual(readJson("missing", { leeg: true }, storage), { leeg: true });
    assert.deepEqual(readJson("broken", {}, storage), {});
    assert.deepEqual(readJson("null", [], storage), []);
    assert.equal(readJson("k", "fallback", fakeStorage({ failRead: true })), "fallback");
    assert.equal(readJson("k", "fallback", null), "fallback");
  });

  test("the fallback defaults to null; stored falsy values are kept", () => {
    const storage = fakeStorage();
    writeJson("zero", 0, storage);
    writeJson("no", false, storage);
    assert.equal(readJson("missing", undefined, storage), null);
    assert.equal(readJson("zero", 5, storage), 0);
    assert.equal(readJson("no", true, storage), false);
  });
});

describe("remove", () => {
  test("forgets the key and reports success, also for a key that was never stored", () => {
    const storage = fakeStorage();
    writeJson("k", 1, storage);
    assert.equal(remove("k", storage), true);
    assert.equal(storage.items.has("k"), false);
    assert.equal(remove("never", storage), true);
  });

  test("returns false when storage refuses or is missing", () => {
    assert.equal(remove("k", fakeStorage({ failRemove: true })), false);
    assert.equal(remove("k", null), false);
  });
});

describe("browserStorage", () => {
  test("is null where there is no localStorage, so the defaults fail softly", (t) => {
    if (globalThis.localStorage !== undefined) {
      t.skip("this Node version has a localStorage");
      return;
    }
    assert.equal(browserStorage(), null);
    assert.equal(writeJson("k", 1), false);
    assert.equal(readJson("k", "fallback"), "fallback");
  });

  test("is null when looking at localStorage throws (storage blocked)", (t) => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, "localStorage");
    Object.defineProperty(globalThis, "localStorage", {
      configurable: true,
      get() {
        throw new DOMException("Access is denied for this document.", "SecurityError");
      },
    });
    t.after(() => {
      if (descriptor) Object.defineProperty(globalThis, "localStorage", descriptor);
      else delete globalThis.localStorage;
    });
    assert.equal(browserStorage(), null);
    assert.equal(writeJson("k", 1), false);
  });

  test("is the global localStorage when there is one", (t) => {
    const storage = fakeStorage();
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, "localStorage");
    Object.defineProperty(globalThis, "localStorage", { configurable: true, value: storage });
    t.after(() => {
      if (descriptor) Object.defineProperty(globalThis, "localStorage", descriptor);
      else delete globalThis.localStorage;
    });
    assert.equal(browserStorage(), storage);
    assert.equal(writeJson("k", [1], undefined), true);
    assert.deepEqual(readJson("k"), [1]);
  });
});
