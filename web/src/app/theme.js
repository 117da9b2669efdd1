// Light and dark themes: the system's choice by default (CSS
// prefers-color-scheme), or the one picked here, kept as a preference.
const KEY = "sigv4kit.theme";

function stored() {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function apply(theme) {
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

export function initTheme() {
  const select = document.getElementById("theme-select");
  const theme = stored() || "auto";
  select.value = theme;
  apply(theme);
  select.addEventListener("change", () => {
    apply(select.value);
    try {
      if (select.value === "auto") localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, select.value);
    } catch {
      // storage disabled: the choice lasts for this visit
    }
  });
}
