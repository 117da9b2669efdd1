package sigv4

import (
	"strconv"
	"strings"
)

// RenderForm writes an upload form: hidden inputs for fields in order, then
// the file input and a submit button. Every attribute value is escaped. The
// data-min-size, data-max-size and data-accept attributes carry the policy's
// limits, so the upload enhancer (web/src/widgets/upload-enhancer.js) can
// check a file before sending it; without script the form still works.
// submitLabel is the button's text; empty means "Upload".
func RenderForm(action string, fields []Field, conds []Condition, submitLabel string) string {
	var b strings.Builder
	b.WriteString(`<form action="`)
	b.WriteString(escapeAttr(action))
	b.WriteString(`" method="post" enctype="multipart/form-data"`)
	// data-accept is the policy's Content-Type rule as the enhancer reads it
	// (a prefix ending in '/', or an exact type); accept is the file
	// input's hint to the browser's file picker ("image/*").
	accept := ""
	for _, c := range conds {
		switch {
		case c.Op == OpContentLengthRange:
			b.WriteString(` data-min-size="` + strconv.FormatInt(c.Min, 10) + `" data-max-size="` + strconv.FormatInt(c.Max, 10) + `"`)
		case strings.EqualFold(c.Field, "Content-Type") && (c.Op == OpEq || strings.HasSuffix(c.Value, "/")):
			b.WriteString(` data-accept="` + escapeAttr(c.Value) + `"`)
			accept = c.Value
			if c.Op == OpStartsWith {
				accept += "*"
			}
		}
	}
	b.WriteString(">\n")
	for _, f := range fields {
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
