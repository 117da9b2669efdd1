package sigv4

import (
	"go/build"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The core is compiled to wasm, where every import is a download for every
// reader of a page, and it must stay free of the browser and the network:
// it imports only the standard library (and our own JSON package), never
// syscall/js, net/http, net/url, fmt, reflect or encoding/json.
func TestImportsStayLean(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	require.NoError(t, err)
	banned := []string{"syscall/js", "net/http", "net/url", "fmt", "reflect", "encoding/json", "encoding/hex", "os"}
	for _, imp := range pkg.Imports {
		for _, b := range banned {
			assert.NotEqual(t, b, imp, "sigv4 must not import %s", b)
		}
		if strings.Contains(imp, ".") || strings.HasPrefix(imp, "sigv4kit/") {
			assert.Equal(t, "sigv4kit/internal/jsonv", imp, "only the standard library and internal/jsonv")
		}
	}
}
