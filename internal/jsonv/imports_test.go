package jsonv

import (
	goparser "go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each import adds to the wasm download; encoding/json alone cost 177 KB.
// This test keeps the package to the few it needs.
func TestImportsStaySmall(t *testing.T) {
	allowed := map[string]bool{
		"errors": true, "math": true, "strconv": true,
		"unicode/utf8": true, "unicode/utf16": true,
		"unsafe": true, // ParseBorrowed: strings that alias the input
	}
	files, err := filepath.Glob("*.go")
	require.NoError(t, err, "filepath.Glob")
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		require.NoError(t, err, "os.ReadFile")
		f, err := goparser.ParseFile(token.NewFileSet(), name, src, goparser.ImportsOnly)
		require.NoError(t, err, "go/parser.ParseFile")
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			require.NoError(t, err, "strconv.Unquote")
			assert.True(t, allowed[path], "%s imports %s", name, path)
		}
	}
}
