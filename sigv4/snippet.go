package sigv4

import (
	"encoding/base64"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SnippetInput is a request to write as a curl command and a fetch() call:
// a signed request (the result of Sign), a presigned URL (Presigned), or a
// request with a token header (EnvHeaders), each sent exactly as given.
type SnippetInput struct {
	Method  string
	URL     string
	Headers []Header
	Body    []byte
	// Presigned marks a presigned URL, whose body is not known: a PUT
	// uploads a file the user picks and a GET saves the object to a file,
	// each named after the URL's last path segment.
	Presigned bool
	// EnvHeaders are sent with a value the snippet reads from an
	// environment variable when it runs (Value holds the variable's name,
	// such as IAM_TOKEN), so that no token is printed.
	EnvHeaders []Header
	// Region and Service, when both are set, also write CurlAWSSigV4, the
	// command that lets curl sign the request itself. SessionToken adds the
	// X-Amz-Security-Token header read from $AWS_SESSION_TOKEN to it.
	Region, Service string
	SessionToken    bool
}

// Snippets are the texts that send one request.
type Snippets struct {
	// Curl is a POSIX shell command. It is empty when curl cannot send the
	// request (a body with HEAD).
	Curl string
	// CurlAWSSigV4 is the command that has curl (7.75 or later) sign the
	// request itself, with the keys read from $AWS_ACCESS_KEY_ID and
	// $AWS_SECRET_ACCESS_KEY: it never expires and prints no secret. Empty
	// unless SnippetInput names a region and a service.
	CurlAWSSigV4 string
	// CurlAWSSigV4Issues lists, as stable codes, why curl 7.88's own signer
	// computes a signature the server refuses for this request (see
	// CurlSigV4Issue*); empty when it signs it as AWS does.
	CurlAWSSigV4Issues []string
	// Fetch is JavaScript for a module or an async function (browser or
	// Node 18+). It is empty when fetch() cannot send the request
	// unchanged: a body with GET or HEAD, a header that browsers set
	// themselves, or a URL that the WHATWG URL parser rewrites (BrowserURL).
	Fetch string
	// BodyFile is the file the curl commands read the body from ("body.bin")
	// when it cannot be written on a shell line: not UTF-8, or holding a
	// control character (NUL among them) or a bidirectional-text control.
	// The commands then say so in a comment. Empty otherwise.
	BodyFile string
	// BrowserURL reports whether a browser (a link, fetch()) sends the URL's
	// path and query as they are. It is false when the WHATWG URL parser
	// would rewrite them: it removes "." and ".." segments (also written
	// %2e) and escapes some bytes, so the signature would no longer match.
	BrowserURL bool
}

// Codes of CurlAWSSigV4Issues: what curl 7.88's --aws-sigv4 signs
// differently from AWS, each found by sending such requests to a local
// listener and to MinIO (e2e/snippets_test.go). It signs the query as AWS
// does (sorted, escapes normalized, a name without '=') and collapses runs
// of spaces in header values, so those are not listed.
const (
	// CurlSigV4IssuePath: curl signs the path as written. AWS signs it
	// URI-encoded (again, for services other than S3, so "%20" is signed as
	// "%2520") and, except for S3, without "." and ".." segments: a path
	// holding anything but letters, digits, - . _ ~ and / is signed wrongly.
	CurlSigV4IssuePath = "path"
	// CurlSigV4IssueEmptyHeader: for a header with an empty value
	// (-H 'Name;'), curl writes a stray ';' into SignedHeaders.
	CurlSigV4IssueEmptyHeader = "empty-header"
	// CurlSigV4IssueContentType: for a request with a body and no
	// Content-Type, curl signs its default Content-Type
	// (application/x-www-form-urlencoded) even when the command removes the
	// header, so the server misses a signed header; or, if it is left in,
	// S3 stores the object with that type.
	CurlSigV4IssueContentType = "content-type"
)

// snippetBodyFile is the file the curl commands read a body from when it
// cannot be written on a shell line.
const snippetBodyFile = "body.bin"

// RequestSnippets writes the curl commands and the fetch() call that send
// in's request exactly as given: the method, the URL's path and query byte
// for byte, every header with its value, and the body. It returns a
// *ValidationError naming method, url, headers or envHeaders when they are
// not an HTTP request (the results of Sign and Presign always are).
func RequestSnippets(in SnippetInput) (Snippets, error) {
	var p problems
	checkMethod(&p, in.Method)
	if _, err := parseURL(in.URL); err != nil {
		p.addErr(FieldURL, err)
	}
	checkHeaders(&p, FieldHeaders, in.Headers)
	checkHeaders(&p, FieldEnvHeaders, in.EnvHeaders)
	for _, h := range in.EnvHeaders {
		if !isEnvName(h.Value) {
			p.add(FieldEnvHeaders+"."+h.Name, ErrMalformed, "must name an environment variable (A-Z, 0-9, _)")
		}
	}
	if len(in.Body) > maxBody {
		p.add(FieldBody, ErrOutOfRange, "is larger than 256 MiB")
	}
	if err := p.err(); err != nil {
		return Snippets{}, err
	}
	return requestSnippets(in), nil
}

// Snippets writes the curl commands (the precomputed headers, and curl's
// own --aws-sigv4 with the keys and any session token read from the
// environment) and the fetch() call that send the signed request; body is
// the body that was signed.
func (r SignResult) Snippets(body []byte) Snippets {
	return requestSnippets(SnippetInput{
		Method: r.Method, URL: r.URL, Headers: r.Headers, Body: body,
		Region: r.Region, Service: r.Service, SessionToken: indexHeader(r.Headers, "x-amz-security-token") >= 0,
	})
}

// Snippets writes the curl command and the fetch() call that use the
// presigned URL: a PUT uploads a file, a GET saves the object to one.
func (r PresignResult) Snippets() Snippets {
	return requestSnippets(SnippetInput{Method: r.Method, URL: r.URL, Headers: r.Headers, Presigned: true})
}

// isEnvName reports whether s is a portable environment variable name.
func isEnvName(s string) bool {
	if s == "" || '0' <= s[0] && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func requestSnippets(in SnippetInput) Snippets {
	r := newSnippetRequest(in)
	s := Snippets{BrowserURL: browserKeepsURL(in.URL)}
	if r.fileBody {
		s.BodyFile = snippetBodyFile
	}
	if !(r.method == "HEAD" && len(in.Body) > 0) {
		s.Curl = r.curl(false)
		if in.Region != "" && in.Service != "" && !in.Presigned {
			s.CurlAWSSigV4 = r.curl(true)
			s.CurlAWSSigV4Issues = curlSigV4Issues(in, r)
		}
	}
	if s.BrowserURL && r.fetchable() {
		s.Fetch = r.fetch()
	}
	return s
}

// snippetRequest is the request as the snippets write it.
type snippetRequest struct {
	in      SnippetInput
	method  string
	headers []Header // merged by name, trimmed, Host of the URL left out
	// signer lists the headers a signer adds (dropped from CurlAWSSigV4).
	signer   []bool
	hasType  bool
	fileBody bool // curl reads the body from snippetBodyFile
	sendBody bool // a body (maybe empty) is sent: given, or a method that carries one
	name     string
}

func newSnippetRequest(in SnippetInput) *snippetRequest {
	r := &snippetRequest{in: in, method: methodOr(in.Method, "GET")}
	host := HostOf(in.URL)
	for _, h := range in.Headers {
		if isHost(h.Name) && strings.EqualFold(strings.TrimSpace(h.Value), host) {
			continue // every client sends it from the URL
		}
		// A folded line (a line break, then a space or tab) cannot be
		// sent by curl or fetch(); without the break it canonicalizes the
		// same.
		v := strings.ReplaceAll(strings.ReplaceAll(h.Value, "\r\n", ""), "\n", "")
		v = strings.Trim(v, " \t")
		if i := indexHeader(r.headers, h.Name); i >= 0 {
			// A repeated header is sent once, its values joined as the
			// canonical request joins them: fetch() would join them with
			// ", ", which signs differently.
			r.headers[i].Value += "," + v
			continue
		}
		r.headers = append(r.headers, Header{Name: h.Name, Value: v})
		r.signer = append(r.signer, isAddedHeader(h.Name))
		r.hasType = r.hasType || strings.EqualFold(h.Name, "content-type")
	}
	r.fileBody = len(in.Body) > 0 && !shellSafeText(in.Body)
	r.sendBody = !in.Presigned && (len(in.Body) > 0 || r.method == "PUT" || r.method == "POST" || r.method == "PATCH")
	r.name = fileNameOf(in.URL)
	return r
}

func indexHeader(hs []Header, name string) int {
	for i, h := range hs {
		if strings.EqualFold(h.Name, name) {
			return i
		}
	}
	return -1
}

// shellSafeText reports whether b can be written between single quotes on
// a shell line and pasted into a terminal unchanged: UTF-8 text with no
// control character other than newline and tab (a NUL cannot be in a shell
// argument at all; a carriage return or an escape would act on the
// terminal) and no bidirectional control (it would make the command read
// differently from what runs).
func shellSafeText(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, r := range string(b) {
		if r != '\n' && r != '\t' && (unicode.IsControl(r) || isLayoutControl(r)) {
			return false
		}
	}
	return true
}

// isLayoutControl reports the bidirectional-text controls and the line and
// paragraph separators: text holding them displays differently from what
// a shell or JavaScript reads.
func isLayoutControl(r rune) bool {
	return r == 0x061C || r == 0x200E || r == 0x200F || 0x202A <= r && r <= 0x202E || 0x2066 <= r && r <= 0x2069 || r == 0x2028 || r == 0x2029
}

// fileNameOf is the URL's last path segment, decoded, as a local file name;
// "file" when that is empty or not a plain name.
func fileNameOf(rawURL string) string {
	p := rawURL
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if i := strings.Index(p, "://"); i >= 0 {
		p = p[i+3:]
		if j := strings.IndexByte(p, '/'); j >= 0 {
			p = p[j:]
		} else {
			p = ""
		}
	}
	name := percentDecode(p[strings.LastIndexByte(p, '/')+1:], false)
	if name == "" || name == "." || name == ".." || name == "/" ||
		strings.ContainsAny(name, "/\\") || !shellSafeText([]byte(name)) || strings.ContainsRune(name, '\t') {
		return "file"
	}
	return name
}

// curl writes the curl command; sigv4 writes the one that signs with curl's
// --aws-sigv4 instead of the precomputed headers.
func (r *snippetRequest) curl(sigv4 bool) string {
	var b strings.Builder
	if r.fileBody {
		b.WriteString("# " + snippetBodyFile + " must hold the " + strconv.Itoa(len(r.in.Body)) +
			"-byte body that was signed: it is binary or holds control characters,\n# so it cannot be written on a shell line.\n")
	}
	b.WriteString("curl --fail-with-body")
	if strings.ContainsAny(r.in.URL, "[]{}") || r.in.Presigned && strings.ContainsAny(r.name, "[]{}") {
		// Else curl expands [1-3] and {a,b}, in the URL and in an upload's
		// file name, into several requests.
		b.WriteString(" --globoff")
	}
	if hasDotSegment(r.in.URL) {
		b.WriteString(" --path-as-is") // else curl removes . and .. segments
	}
	switch {
	case r.method == "HEAD":
		b.WriteString(" --head")
	case r.in.Presigned && r.method == "PUT" && !strings.HasSuffix(urlPath(r.in.URL), "/"):
		b.WriteString(" --upload-file " + shellWord("./"+r.name))
	case r.in.Presigned && r.method == "PUT":
		// --upload-file would append the file's name to a path ending in /.
		b.WriteString(" -X PUT --data-binary " + shellWord("@./"+r.name))
		if !r.hasType {
			b.WriteString(" -H 'Content-Type:'")
		}
	case r.in.Presigned && r.method == "GET":
		name := r.name
		if strings.HasPrefix(name, "-") {
			name = "./" + name // "-o -" would write to the terminal
		}
		b.WriteString(" -o " + shellWord(name))
	case r.method != "GET" || r.sendBody:
		b.WriteString(" -X " + shellWord(r.method))
	}
	if sigv4 {
		b.WriteString(" \\\n  --aws-sigv4 " + shellWord("aws:amz:"+r.in.Region+":"+r.in.Service))
		b.WriteString(` \` + "\n  --user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\"")
		if r.in.SessionToken {
			b.WriteString(` \` + "\n  -H \"X-Amz-Security-Token: $AWS_SESSION_TOKEN\"")
		}
	}
	for _, h := range r.in.EnvHeaders {
		b.WriteString(` \` + "\n  -H \"" + h.Name + ": $" + h.Value + "\"")
	}
	for i, h := range r.headers {
		// curl signs itself: the date, the signature and the token go; the
		// payload hash stays (S3 requires it and curl 7.88 does not add it).
		if sigv4 && r.signer[i] && !strings.EqualFold(h.Name, "x-amz-content-sha256") {
			continue
		}
		b.WriteString(" \\\n  -H ")
		if h.Value == "" {
			b.WriteString(shellWord(h.Name + ";")) // "Name:" would remove the header
		} else {
			b.WriteString(shellWord(h.Name + ": " + h.Value))
		}
	}
	if r.sendBody {
		if !r.hasType {
			// --data-* adds Content-Type: application/x-www-form-urlencoded,
			// which was not signed (and S3 would store it).
			b.WriteString(" \\\n  -H 'Content-Type:'")
		}
		switch {
		case r.fileBody:
			b.WriteString(" \\\n  --data-binary @" + snippetBodyFile)
		default:
			// --data-raw never reads a file, whatever the body starts with.
			b.WriteString(" \\\n  --data-raw " + shellQuote(string(r.in.Body)))
		}
	}
	b.WriteString(" \\\n  " + shellWord(r.in.URL))
	return b.String()
}

// hasDotSegment reports whether the URL's path has a "." or ".." segment,
// which curl and browsers remove.
func hasDotSegment(rawURL string) bool {
	p := urlPath(rawURL)
	for seg := range strings.SplitSeq(p, "/") {
		switch strings.ToLower(seg) {
		case ".", "..", "%2e", "%2e%2e", ".%2e", "%2e.":
			return true
		}
	}
	return false
}

// urlPath is the raw path of an absolute URL.
func urlPath(rawURL string) string {
	i := strings.Index(rawURL, "://")
	if i < 0 {
		return ""
	}
	rest := rawURL[i+3:]
	j := strings.IndexByte(rest, '/')
	if j < 0 {
		return ""
	}
	rest = rest[j:]
	if k := strings.IndexAny(rest, "?#"); k >= 0 {
		rest = rest[:k]
	}
	return rest
}

// browserKeepsURL reports whether the WHATWG URL parser leaves the URL's
// path and query as they are: no dot segments, and no byte it escapes
// (controls, space, " < > ` { } ^ in the path... and non-ASCII), no
// backslash (read as '/').
func browserKeepsURL(rawURL string) bool {
	if hasDotSegment(rawURL) {
		return false
	}
	i := strings.Index(rawURL, "://")
	if i < 0 {
		return false
	}
	for j := i + 3; j < len(rawURL); j++ {
		c := rawURL[j]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>`{}\\#'", c) >= 0 {
			return false
		}
	}
	return true
}

// forbiddenFetchHeaders are the headers a browser's fetch() refuses to set.
// Host (of the URL) and Content-Length (of the body) are sent anyway.
var forbiddenFetchHeaders = []string{
	"accept-charset", "accept-encoding", "access-control-request-headers", "access-control-request-method",
	"connection", "content-length", "cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive",
	"origin", "referer", "set-cookie", "te", "trailer", "transfer-encoding", "upgrade", "via",
}

func (r *snippetRequest) fetchable() bool {
	if len(r.in.Body) > 0 && (r.method == "GET" || r.method == "HEAD") {
		return false
	}
	for _, h := range r.headers {
		n := strings.ToLower(h.Name)
		if n == "content-length" && h.Value == strconv.Itoa(len(r.in.Body)) {
			continue
		}
		if strings.HasPrefix(n, "sec-") || strings.HasPrefix(n, "proxy-") {
			return false
		}
		for _, f := range forbiddenFetchHeaders {
			if n == f {
				return false
			}
		}
	}
	return true
}

// fetch writes the fetch() call.
func (r *snippetRequest) fetch() string {
	var b strings.Builder
	b.WriteString("const url = " + jsString(r.in.URL) + ";\n")
	if r.in.Presigned && r.method == "PUT" {
		b.WriteString("// file: a File from <input type=\"file\">, or any Blob\n")
	}
	b.WriteString("const response = await fetch(url, {\n")
	b.WriteString("  method: " + jsString(r.method) + ",\n")
	if len(r.headers)+len(r.in.EnvHeaders) > 0 {
		b.WriteString("  headers: {\n")
		for _, h := range r.in.EnvHeaders {
			b.WriteString("    " + jsString(h.Name) + ": process.env." + h.Value + ",\n")
		}
		for _, h := range r.headers {
			if strings.EqualFold(h.Name, "content-length") {
				continue
			}
			b.WriteString("    " + jsString(h.Name) + ": " + jsByteString(h.Value) + ",\n")
		}
		b.WriteString("  },\n")
	}
	switch {
	case r.in.Presigned && r.method == "PUT":
		b.WriteString("  body: file,\n")
	case !r.sendBody:
	case !utf8.Valid(r.in.Body):
		b.WriteString("  body: Uint8Array.from(atob(" + jsString(base64.StdEncoding.EncodeToString(r.in.Body)) + "), (c) => c.charCodeAt(0)),\n")
	case r.hasType:
		b.WriteString("  body: " + jsText(string(r.in.Body)) + ",\n")
	default:
		// Bytes, not a string: for a string fetch() adds
		// Content-Type: text/plain, which was not signed.
		b.WriteString("  body: new TextEncoder().encode(" + jsText(string(r.in.Body)) + "),\n")
	}
	b.WriteString("});\n")
	switch {
	case r.in.Presigned && r.method == "GET":
		b.WriteString("if (!response.ok) throw new Error(\"download failed: \" + response.status);\n")
		b.WriteString("const blob = await response.blob();")
	case r.method == "HEAD":
		b.WriteString("console.log(response.status, Object.fromEntries(response.headers));")
	default:
		b.WriteString("console.log(response.status, await response.text());")
	}
	return b.String()
}

// jsText writes text as a JavaScript string: a template literal when that
// needs no escaping (a JSON body stays readable), else a string literal.
func jsText(s string) string {
	if strings.Contains(s, "\n") && !strings.ContainsAny(s, "`\\\r") && !strings.Contains(s, "${") && shellSafeText([]byte(s)) {
		return "`" + s + "`"
	}
	return jsString(s)
}

// jsString writes a JavaScript string literal holding s; controls, line
// and paragraph separators and bidirectional controls are escaped.
func jsString(s string) string {
	b := []byte{'"'}
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\t':
			b = append(b, `\t`...)
		case r < 0x20 || unicode.IsControl(r) || isLayoutControl(r):
			b = append(b, `\u`...)
			b = append(b, upperHex[r>>12&15], upperHex[r>>8&15], upperHex[r>>4&15], upperHex[r&15])
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return string(append(b, '"'))
}

// jsByteString writes a header value: fetch() sends each character of a
// header value as one byte (values are byte strings), so the UTF-8 bytes of
// s are written as characters U+0000 to U+00FF.
func jsByteString(s string) string {
	b := []byte{'"'}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20 || c >= 0x7f:
			b = append(b, `\x`...)
			b = append(b, upperHex[c>>4], upperHex[c&15])
		default:
			b = append(b, c)
		}
	}
	return string(append(b, '"'))
}

// shellWord writes s as one shell word: as it is when it holds only
// characters no shell treats specially, else single-quoted.
func shellWord(s string) string {
	if s == "" {
		return "''"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && strings.IndexByte("-_./:=@%+,", c) < 0 {
			return shellQuote(s)
		}
	}
	return s
}

// shellQuote wraps s in single quotes, inside which a POSIX shell reads
// every byte literally; a single quote inside becomes '\”.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// curlSigV4Issues lists what curl 7.88's own signer gets wrong for the
// request (see CurlSigV4Issue*).
func curlSigV4Issues(in SnippetInput, r *snippetRequest) []string {
	var issues []string
	mode := PathNormalized
	if isS3Service(in.Service) {
		mode = PathS3
	}
	if p := urlPath(in.URL); p != "" && string(appendCanonicalURI(nil, p, mode)) != p {
		issues = append(issues, CurlSigV4IssuePath)
	}
	for _, h := range r.headers {
		if h.Value == "" {
			issues = append(issues, CurlSigV4IssueEmptyHeader)
			break
		}
	}
	if r.sendBody && !r.hasType {
		issues = append(issues, CurlSigV4IssueContentType)
	}
	return issues
}
