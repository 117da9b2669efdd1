package webserver

import (
	"path"
	"strings"
)

// contentTypes maps a file extension to the Content-Type sent for it. The list
// is explicit rather than taken from mime.TypeByExtension, whose answer depends
// on the machine's /etc/mime.types: a wrong type for .wasm makes
// WebAssembly.instantiateStreaming fail, and with nosniff a wrong type for .js
// or .css makes the browser refuse the file.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".wasm":        "application/wasm",
	".json":        "application/json",
	".map":         "application/json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".ico":         "image/x-icon",
	".txt":         "text/plain; charset=utf-8",
	".webmanifest": "application/manifest+json",
}

// typeDeclarations is the type of TypeScript declaration files (.d.ts). No
// media type is registered for TypeScript, and ".ts" means an MPEG transport
// stream to the mime package; plain text lets a browser show the file and an
// editor or a download keep it as it is.
const typeDeclarations = "text/plain; charset=utf-8"

// contentType returns the Content-Type for the file name. An unknown
// extension gets application/octet-stream, which nosniff keeps from being run
// or rendered.
func contentType(name string) string {
	if strings.HasSuffix(name, ".d.ts") {
		return typeDeclarations
	}
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// compressible reports whether a response of the content type shrinks under
// gzip. Images other than SVG are compressed already.
func compressible(contentType string) bool {
	t, _, _ := strings.Cut(contentType, ";")
	switch {
	case strings.HasPrefix(t, "text/"):
		return true
	case t == "application/wasm", t == "application/json",
		t == "application/manifest+json", t == "image/svg+xml":
		return true
	}
	return false
}
