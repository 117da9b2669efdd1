package sigv4

import (
	"go/build"
	"os"
	"path/filepath"
	"regexp"
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
		if strings.Contains(imp, ".") || strings.HasPrefix(imp, "github.com/sigv4kit/sigv4kit/") {
			assert.Equal(t, "github.com/sigv4kit/sigv4kit/internal/jsonv", imp, "only the standard library and internal/jsonv")
		}
	}
}

// Multi-byte loads through unsafe pointers assume a byte order and an
// alignment that not every GOARCH has (STYLE.md: no unsafe outside the wasm
// SHA-256 block); little-endian words are read with shifts, which compile to
// one load where that is safe.
func TestNoUnsafeWordLoads(t *testing.T) {
	load := regexp.MustCompile(`\(\*\[?[0-9]*\]?u?int(16|32|64)\)\(`)
	for _, dir := range []string{".", "../internal/jsonv"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		require.NoError(t, err, "filepath.Glob")
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") || strings.HasPrefix(filepath.Base(name), "sha256block_wasm") {
				continue
			}
			src, err := os.ReadFile(name)
			require.NoError(t, err, "os.ReadFile")
			assert.Empty(t, load.FindAllString(string(src), -1), "%s loads words through unsafe pointers", name)
		}
	}
}
