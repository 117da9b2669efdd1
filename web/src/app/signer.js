// The one signer instance of the page. app.js hands over load and SigV4Error
// from ./sigv4.js (kept external: a separate file in dist, loaded once); the
// tools ask for the instance and get null until the wasm is ready.
import { t, onLangChange } from "./i18n.js";

let instance = null;
let ErrorClass = null;
let failure = null;
const waiting = new Set();

export function startSigner(load, SigV4Error) {
  ErrorClass = SigV4Error;
  const status = document.getElementById("signer-status");
  const show = () => {
    if (failure) {
      status.textContent = t("signer.failed", { message: failure.message || String(failure) });
      status.className = "notice notice-error";
      status.hidden = false;
    } else if (!instance) {
      status.textContent = t("signer.loading");
      status.className = "notice";
      status.hidden = false;
    } else {
      status.hidden = true;
    }
  };
  // Say "loading" only when it takes long enough to notice.
  const slow = setTimeout(show, 400);
  onLangChange(show);
  return load().then(
    (s) => {
      instance = s;
      clearTimeout(slow);
      show();
      document.getElementById("signer-version").textContent = s.version || "?";
      for (const cb of waiting) cb();
      waiting.clear();
    },
    (err) => {
      failure = err;
      clearTimeout(slow);
      show();
    },
  );
}

// signer returns the loaded instance, or null while it loads.
export function signer() {
  return instance;
}

// whenReady calls cb once the signer is ready (at once if it is).
export function whenReady(cb) {
  if (instance) cb();
  else waiting.add(cb);
}

// fieldErrors turns what a signer call threw into [{field, code, message}].
// Anything that is not a SigV4Error is reported as an internal error.
export function fieldErrors(err) {
  if (ErrorClass && err instanceof ErrorClass) {
    const list = Array.isArray(err.errors) && err.errors.length > 0 ? err.errors : [{ field: err.field || "", code: err.code, message: err.message }];
    return list.map((e) => ({ field: e.field || "", code: e.code || "malformed", message: e.message || "" }));
  }
  return [{ field: "", code: "internal", message: (err && err.message) || String(err) }];
}
