package sigv4

import (
	"strconv"
	"strings"
)

// RenderForm writes an upload form: the fields in order, each a hidden
// input, then the file input and a submit button. With more than one of
// contentTypes, the Content-Type field is instead a required
// <select name="Content-Type"> of them, so a browser without script sends a
// type the uploader chose rather than a prefix. Every attribute value is
// escaped. The data-min-size, data-max-size and data-accept attributes carry
// the policy's limits, so the upload enhancer
// (web/src/widgets/upload-enhancer.js) can check a file before sending it
// and pick its type; without script the form still works. submitLabel is
// the button's text; empty means "Upload".
func RenderForm(action string, fields []Field, conds []Condition, contentTypes []string, submitLabel string) string {
	var b strings.Builder
	b.WriteString(`<form action="`)
	b.WriteString(escapeAttr(action))
	b.WriteString(`" method="post" enctype="multipart/form-data"`)
	// data-accept and the file input's accept hold the types a file may
	// have, comma-separated as the accept attribute takes them.
	accept := strings.Join(contentTypes, ",")
	for _, c := range conds {
		switch {
		case c.Op == OpContentLengthRange:
			b.WriteString(` data-min-size="` + strconv.FormatInt(c.Min, 10) + `" data-max-size="` + strconv.FormatInt(c.Max, 10) + `"`)
		case accept == "" && c.Op == OpEq && strings.EqualFold(c.Field, "Content-Type"):
			accept = c.Value
		}
	}
	if accept != "" {
		b.WriteString(` data-accept="` + escapeAttr(accept) + `"`)
	}
	b.WriteString(">\n")
	for _, f := range fields {
		if len(contentTypes) > 1 && strings.EqualFold(f.Name, "Content-Type") {
			b.WriteString(`  <select name="Content-Type" required>` + "\n" + `    <option value="">Content-Type</option>` + "\n")
			for _, t := range contentTypes {
				b.WriteString(`    <option>` + escapeAttr(t) + "</option>\n")
			}
			b.WriteString("  </select>\n")
			continue
		}
		b.WriteString(`  <input type="hidden" name="`)
		b.WriteString(escapeAttr(f.Name))
		b.WriteString(`" value="`)
		b.WriteString(escapeAttr(f.Value))
		b.WriteString("\">\n")
	}
	b.WriteString(`  <input type="file" name="file" required`)
	if accept != "" {
		b.WriteString(` accept="` + escapeAttr(accept) + `"`)
	}
	if submitLabel == "" {
		submitLabel = "Upload"
	}
	b.WriteString(">\n  <button type=\"submit\">")
	b.WriteString(escapeAttr(submitLabel)) // escapes text content as well
	b.WriteString("</button>\n</form>\n")
	return b.String()
}

// escapeAttr escapes a value for a double-quoted HTML attribute.
func escapeAttr(s string) string {
	if !strings.ContainsAny(s, `&<>"'`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
