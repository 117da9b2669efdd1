// highlightHtml colours HTML source for display: tag names, attribute names
// and values, comments. It returns DOM nodes whose text is exactly source
// (copying the element's textContent gives the source back), built with text
// nodes only, so the markup shown can never run.
export function highlightHtml(source) {
  const out = document.createDocumentFragment();
  const span = (cls, text) => {
    const s = document.createElement("span");
    s.className = cls;
    s.textContent = text;
    out.append(s);
  };
  const text = (t) => t && out.append(t);
  let i = 0;
  let inTag = false;
  const rest = () => source.slice(i);
  while (i < source.length) {
    let m;
    if (!inTag) {
      const next = source.indexOf("<", i);
      if (next < 0) {
        text(rest());
        break;
      }
      text(source.slice(i, next));
      i = next;
      if (source.startsWith("<!--", i)) {
        const end = source.indexOf("-->", i);
        const stop = end < 0 ? source.length : end + 3;
        span("hl-comment", source.slice(i, stop));
        i = stop;
      } else if ((m = /^<\/?[A-Za-z][^\s/>]*/.exec(rest()))) {
        span("hl-tag", m[0]);
        i += m[0].length;
        inTag = true;
      } else {
        text("<");
        i++;
      }
      continue;
    }
    if ((m = /^\s+/.exec(rest()))) {
      text(m[0]);
    } else if ((m = /^\/?>/.exec(rest()))) {
      span("hl-tag", m[0]);
      inTag = false;
    } else if ((m = /^[^\s=/>]+/.exec(rest()))) {
      span("hl-attr", m[0]);
      i += m[0].length;
      const v = /^(\s*=\s*)("[^"]*"|'[^']*'|[^\s>]+)/.exec(rest());
      if (v) {
        text(v[1]);
        span("hl-value", v[2]);
        i += v[0].length;
      }
      continue;
    } else {
      m = [source[i]];
      text(m[0]);
    }
    i += m[0].length;
  }
  return out;
}
