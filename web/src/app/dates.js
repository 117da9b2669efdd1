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
