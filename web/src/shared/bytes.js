// formatBytes renders a size for people: 10 MiB, 1.5 KiB, 512 bytes.
export function formatBytes(n, lang, bytesWord = "bytes") {
  const units = ["KiB", "MiB", "GiB", "TiB"];
  if (!Number.isFinite(n)) return "";
  if (Math.abs(n) < 1024) return new Intl.NumberFormat(lang).format(n) + " " + bytesWord;
  let value = n;
  let unit = -1;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value) + " " + units[unit];
}

// formatPair renders two sizes that are compared in one message ("1.1 KiB;
// at most 1 KiB"): when rounding would print them alike, both are given in
// bytes, so the message never reads "1 KiB; at most 1 KiB".
export function formatPair(a, b, lang, bytesWord = "bytes") {
  const fa = formatBytes(a, lang, bytesWord);
  const fb = formatBytes(b, lang, bytesWord);
  if (fa !== fb || a === b) return [fa, fb];
  const exact = (n) => new Intl.NumberFormat(lang).format(n) + " " + bytesWord;
  return [exact(a), exact(b)];
}
