// Reading a POST policy back from a generated form, so the upload enhancer
// can check a file before sending it. Decoding base64 JSON is all it does:
// nothing here signs or verifies anything.

// decodePolicy returns the policy document of a base64 "Policy" field, or
// null when it is not one.
export function decodePolicy(base64) {
  try {
    const bytes = Uint8Array.from(atob(String(base64).trim()), (c) => c.charCodeAt(0));
    const policy = JSON.parse(new TextDecoder().decode(bytes));
    return policy && Array.isArray(policy.conditions) ? policy : null;
  } catch {
    return null;
  }
}

// policyLimits extracts what a browser can check before uploading: the
// content-length-range, the Content-Type rule and the expiration.
export function policyLimits(policy) {
  const limits = { minSize: null, maxSize: null, contentType: null, expiration: null };
  if (!policy) return limits;
  if (policy.expiration) limits.expiration = new Date(policy.expiration);
  for (const c of policy.conditions) {
    if (Array.isArray(c)) {
      const op = String(c[0]).toLowerCase();
      if (op === "content-length-range") {
        limits.minSize = Number(c[1]);
        limits.maxSize = Number(c[2]);
      } else if ((op === "starts-with" || op === "eq") && String(c[1]).toLowerCase() === "$content-type") {
        limits.contentType = { op, value: String(c[2]) };
      }
    } else if (c && typeof c === "object") {
      for (const [name, value] of Object.entries(c)) {
        if (name.toLowerCase() === "content-type") limits.contentType = { op: "eq", value: String(value) };
      }
    }
  }
  return limits;
}

// acceptRule reads a form's data-accept: the types a file may have,
// comma-separated (a form made with contentTypes), or a prefix ending in "/"
// (a form made before those).
export function acceptRule(accept) {
  if (accept.endsWith("/")) return { op: "starts-with", value: accept };
  return { op: "one-of", values: accept.split(",").map((v) => v.trim()).filter(Boolean) };
}

// typeAllowed reports whether a file's MIME type satisfies rule.
export function typeAllowed(rule, type) {
  if (!rule) return true;
  if (rule.op === "one-of") return rule.values.includes(String(type));
  if (rule.op === "starts-with") return rule.value === "" || String(type).startsWith(rule.value);
  return String(type) === rule.value;
}

// ruleText writes rule for a message or a file input's accept attribute.
export function ruleText(rule, separator = ", ") {
  if (rule.op === "one-of") return rule.values.join(separator);
  return rule.op === "starts-with" ? rule.value + "*" : rule.value;
}
