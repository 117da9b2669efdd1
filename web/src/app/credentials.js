// The shared "provider and keys" form: the provider preset, endpoint, region,
// keys and signing time every tool signs with.
import { PRESETS, presetById } from "./presets.js";
import { t, onLangChange } from "./i18n.js";
import { el } from "../shared/el.js";

const $ = (id) => document.getElementById(id);
const listeners = new Set();

export function credentialsForm() {
  return $("cred-form");
}

// onCredentialsChange calls cb after any change of the shared form.
export function onCredentialsChange(cb) {
  listeners.add(cb);
}

export function notifyCredentialsChange() {
  for (const cb of listeners) cb();
}

export function currentPreset() {
  return presetById($("provider").value);
}

// credentials returns the common signer inputs, empty ones left out. The
// signing time is fixed here (now, when the field is empty) so a result can
// be reproduced exactly later, e.g. to reveal its signing key.
export function credentials() {
  const out = {
    accessKeyId: $("access-key-id").value.trim(),
    secretAccessKey: $("secret-access-key").value,
  };
  const token = $("session-token").value.trim();
  if (token) {
    out.sessionToken = token;
    const expireAt = $("credentials-expire-at").value.trim();
    if (expireAt) out.credentialsExpireAt = expireAt;
  }
  const region = $("region").value.trim();
  if (region) out.region = region;
  const date = $("signing-time").value.trim();
  out.date = date || new Date();
  return out;
}

export function endpoint() {
  return $("endpoint").value.trim();
}

function fillProviders() {
  const select = $("provider");
  const value = select.value || "aws";
  select.replaceChildren(...PRESETS.map((p) => el("option", { value: p.id }, p.name || t("preset.custom"))));
  select.value = value;
}

function fillRegions(preset) {
  $("region-list").replaceChildren(...preset.regions.map((r) => el("option", { value: r })));
}

function showNote(preset) {
  const note = $("provider-note");
  note.textContent = preset.note ? t(preset.note) : "";
  note.hidden = !preset.note;
}

// applyPreset sets the endpoint, region and addressing style of preset,
// unless the user typed an endpoint of their own.
export function applyPreset(id, { force = false } = {}) {
  const preset = presetById(id);
  $("provider").value = preset.id;
  fillRegions(preset);
  const region = $("region");
  if (force || !region.value || (preset.regions.length > 0 && !preset.regions.includes(region.value))) {
    region.value = preset.region;
  }
  const ep = $("endpoint");
  if (preset.endpoint && (force || ep.dataset.auto !== "0" || !ep.value)) {
    ep.value = preset.endpoint(region.value.trim());
    ep.dataset.auto = "1";
  }
  for (const select of document.querySelectorAll('select[name="addressing"]')) select.value = preset.addressing;
  showNote(preset);
}

export function initCredentials() {
  fillProviders();
  applyPreset("aws");
  const form = credentialsForm();
  $("provider").addEventListener("change", () => applyPreset($("provider").value));
  $("endpoint").addEventListener("input", () => {
    $("endpoint").dataset.auto = "0";
  });
  $("region").addEventListener("input", () => {
    const preset = currentPreset();
    const ep = $("endpoint");
    if (preset.endpoint && ep.dataset.auto !== "0") ep.value = preset.endpoint($("region").value.trim());
  });

  const toggle = $("secret-toggle");
  toggle.addEventListener("click", () => {
    const input = $("secret-access-key");
    const show = input.type === "password";
    input.type = show ? "text" : "password";
    toggle.setAttribute("aria-pressed", String(show));
    toggle.textContent = t(show ? "cred.hide" : "cred.show");
  });

  // The credentials' expiry matters only for temporary credentials: the
  // field shows once a session token is given.
  const syncExpireAt = () => {
    $("credentials-expire-at-field").hidden = $("session-token").value.trim() === "";
  };
  syncExpireAt();
  onCredentialsChange(syncExpireAt);
  form.addEventListener("input", notifyCredentialsChange);
  form.addEventListener("change", notifyCredentialsChange);
  onLangChange(() => {
    fillProviders();
    showNote(currentPreset());
    toggle.textContent = t($("secret-access-key").type === "password" ? "cred.show" : "cred.hide");
  });
}
