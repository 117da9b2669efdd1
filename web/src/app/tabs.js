// The four tools as ARIA tabs: arrow keys, Home and End move between them;
// the open tool is kept in the URL's fragment (#upload) so it can be linked.
const listeners = new Set();

export function onTabChange(cb) {
  listeners.add(cb);
}

export function activeTab() {
  const tab = document.querySelector('[role="tab"][aria-selected="true"]');
  return tab ? tab.id.replace(/^tab-/, "") : "presign";
}

export function selectTab(name, { focus = false } = {}) {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const wanted = tabs.find((t) => t.id === "tab-" + name) || tabs[0];
  const previous = activeTab();
  for (const tab of tabs) {
    const on = tab === wanted;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    document.getElementById(tab.getAttribute("aria-controls")).hidden = !on;
  }
  if (focus) wanted.focus();
  const current = activeTab();
  if (location.hash !== "#" + current) history.replaceState(null, "", "#" + current);
  for (const cb of listeners) cb(current, previous);
}

export function initTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  for (const tab of tabs) {
    tab.addEventListener("click", () => selectTab(tab.id.replace(/^tab-/, "")));
    tab.addEventListener("keydown", (event) => {
      const i = tabs.indexOf(tab);
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      const target = tabs[(next + tabs.length) % tabs.length];
      selectTab(target.id.replace(/^tab-/, ""), { focus: true });
    });
  }
  const fromHash = location.hash.slice(1);
  selectTab(tabs.some((t) => t.id === "tab-" + fromHash) ? fromHash : "presign");
  window.addEventListener("hashchange", () => selectTab(location.hash.slice(1)));
}
