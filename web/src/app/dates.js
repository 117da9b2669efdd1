// Showing the times the signer returns: local and UTC, in the page's language.

// expiryText returns {local, utc, relative} for an ISO 8601 time.
export function expiryText(iso, lang, now = Date.now()) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { local: iso, utc: iso, relative: "" };
  const local = new Intl.DateTimeFormat(lang, { dateStyle: "full", timeStyle: "long" }).format(date);
  const utc = new Intl.DateTimeFormat(lang, { dateStyle: "full", timeStyle: "long", timeZone: "UTC" }).format(date);
  return { local, utc, relative: relativeText(date.getTime() - now, lang) };
}

function relativeText(ms, lang) {
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  const seconds = Math.round(ms / 1000);
  const units = [["year", 31536000], ["month", 2592000], ["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1]];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === "second") return rtf.format(Math.round(seconds / size), unit);
  }
  return "";
}

// showLifetime fills a signed result's "signed at" and "works until"
// elements, and shows warning (text: warningText(relative, time)) when
// temporary credentials end the result before its own expiry: validUntil,
// the signer's answer to when it really stops working, is then theirs.
export function showLifetime(result, lang, { signedAt, validUntil, warning }, warningText, now = Date.now()) {
  const signed = expiryText(result.signedAt, lang, now);
  const until = expiryText(result.validUntil, lang, now);
  signedAt.textContent = `${signed.local} (${signed.relative})`;
  validUntil.textContent = `${until.local} (${until.relative})`;
  const credentialsFirst = (result.warnings || []).some((w) => w.code === "credentials-expire-first");
  warning.hidden = !credentialsFirst;
  warning.textContent = credentialsFirst ? warningText(until.relative, until.local) : "";
}
