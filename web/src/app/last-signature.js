// The last signature a tool built, for the explainer and the error diff. The
// input is kept without secrets; revealing the signing key fills in the
// current secret again.
const listeners = new Set();
let last = null;

// record stores {tool, kind, input, debug}: kind is the signer function
// ("presign", "postPolicy", "sign", "verify").
export function record(entry) {
  const input = { ...entry.input };
  delete input.secretAccessKey;
  delete input.sessionToken;
  last = { ...entry, input, at: new Date() };
  for (const cb of listeners) cb(last);
}

export function lastSignature() {
  return last;
}

export function onSignature(cb) {
  listeners.add(cb);
}
