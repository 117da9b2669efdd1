package sigv4

import "strings"

// CurlCommand renders a request as a curl command line that a POSIX shell
// runs unchanged: every argument is single-quoted, so a header value or body
// holding quotes, $ or backticks cannot break out. A body that is not valid
// UTF-8 text is referred to as a file (--data-binary @body.bin), since it
// cannot be pasted into a terminal.
func CurlCommand(method, url string, headers []Header, body []byte, bodyIsText bool) string {
	var b strings.Builder
	b.WriteString("curl")
	if method != "GET" || len(body) > 0 {
		b.WriteString(" -X ")
		b.WriteString(shellQuote(method))
	}
	b.WriteString(" ")
	b.WriteString(shellQuote(url))
	for _, h := range headers {
		b.WriteString(" \\\n  -H ")
		b.WriteString(shellQuote(h.Name + ": " + h.Value))
	}
	if len(body) > 0 {
		b.WriteString(" \\\n  --data-binary ")
		if bodyIsText {
			b.WriteString(shellQuote(string(body)))
		} else {
			b.WriteString("@body.bin")
		}
	}
	return b.String()
}

// shellQuote wraps s in single quotes; a single quote inside becomes '\”.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
