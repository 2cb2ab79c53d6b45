/* localStorage as JSON, for state that stays in this browser. Never throws: storage can be missing
   (private mode, disabled cookies, Node) or full (QuotaExceededError). No DOM, so Node can test it
   with a fake storage passed as the last argument. */

/** The browser's localStorage, or null where reading it is not allowed or it does not exist. */
export function browserStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // some browsers throw a SecurityError just for looking when storage is blocked
  }
}

/** The value stored under key, parsed; fallback when nothing (valid) is stored or storage fails. */
export function readJson(key, fallback = null, storage = browserStorage()) {
  if (!storage) return fallback;
  try {
    const text = storage.getItem(key);
    if (text === null || text === undefined) return fallback;
    const value = JSON.parse(text);
    return value === null ? fallback : value;
  } catch {
    return fallback;
  }
}

/** Store value as JSON under key. True when it was saved, false when not (quota, no storage). */
export function writeJson(key, value, storage = browserStorage()) {
  if (!storage) return false;
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Forget key. True when storage accepted it (also when nothing was stored), false when it failed. */
export function remove(key, storage = browserStorage()) {
  if (!storage) return false;
  try {
    storage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

/** Store a list (newest first) as JSON under key; when storage is full, its oldest entries make
    room, never the first. {ok, dropped, list}: whether it was saved, how many entries were left
    out and the list as saved. */
export function writeList(key, list, storage = browserStorage()) {
  let kept = list;
  while (!writeJson(key, kept, storage)) {
    if (kept.length <= 1) return { ok: false, dropped: 0, list };
    kept = kept.slice(0, -1);
  }
  return { ok: true, dropped: list.length - kept.length, list: kept };
}
