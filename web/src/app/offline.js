// Works offline after the first visit: a small service worker (sw.js, next to
// the page) keeps a copy of the page's own files. It never sees a secret:
// the page sends none.
import { t, onLangChange } from "./i18n.js";

export function initOffline() {
  const status = document.getElementById("offline-status");
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  let ready = false;
  const show = () => {
    status.textContent = ready ? t("offline.ready") : "";
  };
  onLangChange(show);
  navigator.serviceWorker.register("sw.js").catch(() => {
    // Offline use is a convenience; the page works without it.
  });
  navigator.serviceWorker.ready.then(() => {
    ready = true;
    show();
  });
}
