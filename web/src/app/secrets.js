// Where the keys may live. By default only in the inputs of this tab: never
// in the URL, in cookies or in session storage, never in a generated form or
// a debug view. "Remember on this device" (off by default) copies them to
// localStorage for this origin, and unticking it erases that copy.
import { notifyCredentialsChange } from "./credentials.js";

const STORAGE_KEY = "sigv4kit.credentials";
const $ = (id) => document.getElementById(id);
const FIELDS = [
  ["access-key-id", "accessKeyId"],
  ["secret-access-key", "secretAccessKey"],
  ["session-token", "sessionToken"],
  ["credentials-expire-at", "credentialsExpireAt"],
];

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled by the browser
  }
}

function save() {
  const saved = {};
  for (const [id, name] of FIELDS) {
    const value = $(id).value;
    if (value) saved[name] = value;
  }
  storage()?.setItem(STORAGE_KEY, JSON.stringify(saved));
}

function forget() {
  storage()?.removeItem(STORAGE_KEY);
}

export function initSecrets() {
  const remember = $("remember-credentials");
  let saved = null;
  try {
    saved = JSON.parse(storage()?.getItem(STORAGE_KEY) || "null");
  } catch {
    forget();
  }
  if (saved && typeof saved === "object") {
    for (const [id, name] of FIELDS) {
      if (typeof saved[name] === "string") $(id).value = saved[name];
    }
    remember.checked = true;
  } else {
    remember.checked = false;
  }

  remember.addEventListener("change", () => (remember.checked ? save() : forget()));
  for (const [id] of FIELDS) {
    $(id).addEventListener("input", () => {
      if (remember.checked) save();
    });
  }
  $("clear-credentials").addEventListener("click", () => {
    for (const [id] of FIELDS) $(id).value = "";
    // The verify tool's own secret field, never remembered, is a key too.
    $("verify-secret").value = "";
    remember.checked = false;
    forget();
    notifyCredentialsChange();
    $("access-key-id").focus();
  });
}
