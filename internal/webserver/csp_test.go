package webserver

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// directives splits a policy into directive name → its sources.
func directives(policy string) map[string]string {
	out := map[string]string{}
	for _, d := range strings.Split(policy, ";") {
		name, sources, _ := strings.Cut(strings.TrimSpace(d), " ")
		if name != "" {
			out[name] = sources
		}
	}
	return out
}

// The pages carry the policy as a <meta> for static hosts; serve.go sends it
// as a header. They agree on every directive but the two that must reach a
// bucket whose origin a static file cannot know (the meta: any https origin
// and loopback http; the header: the configured origins) and
// frame-ancestors, which browsers ignore in a <meta>.
func TestPagePolicyMatchesHeader(t *testing.T) {
	meta := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
	header := directives(contentSecurityPolicy([]string{"https://bucket.example"}))
	reach := "'self' https: http://localhost:* http://127.0.0.1:*"
	for _, page := range []string{"index.html", "demo.html"} {
		t.Run(page, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("..", "..", "web", "src", page))
			require.NoError(t, err, "os.ReadFile")
			m := meta.FindAllSubmatch(src, -1)
			require.Len(t, m, 1, "one policy <meta>")
			head, _, _ := strings.Cut(string(src), "<script")
			assert.Contains(t, head, string(m[0][0]), "the policy comes before any script")
			got := directives(string(m[0][1]))
			for name, sources := range header {
				switch name {
				case "connect-src", "form-action":
					assert.Equal(t, reach, got[name], name)
					assert.Equal(t, "'self' https://bucket.example", sources, "the header's %s: the configured origins only", name)
				case "frame-ancestors":
					assert.NotContains(t, got, name, "ignored in a <meta>")
				default:
					assert.Equal(t, sources, got[name], name)
				}
			}
			assert.Len(t, got, len(header)-1, "no directive the header lacks")
		})
	}
}
