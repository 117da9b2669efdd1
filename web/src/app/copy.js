// Copy buttons: <button class="copy" data-copy="id"> copies the text of the
// element with that id and says so for a moment.
import { t } from "./i18n.js";

async function write(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function initCopyButtons() {
  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-copy]");
    if (!button) return;
    const source = document.getElementById(button.dataset.copy);
    if (!source) return;
    const ok = await write(source.textContent);
    if (!ok) {
      // Select the text so Ctrl+C works at least.
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    button.textContent = t(ok ? "common.copied" : "common.copyFailed");
    button.dataset.state = ok ? "done" : "failed";
    clearTimeout(button._copyTimer);
    button._copyTimer = setTimeout(() => {
      button.textContent = t("common.copy");
      delete button.dataset.state;
    }, 1800);
  });
}
