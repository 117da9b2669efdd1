//go:build !js

package e2e

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
)

// MinIO's identity plugin (AssumeRoleWithCustomToken) is the one STS API of
// MinIO whose credentials can last less than 15 minutes: AssumeRole and the
// OpenID flows refuse a DurationSeconds below 900, while for a custom token
// MinIO takes the smaller of DurationSeconds and the plugin's
// maxValiditySeconds, with no lower bound on the former
// (cmd/sts-handlers.go, AssumeRoleWithCustomToken). The tests use it to see
// temporary credentials expire within seconds.
//
// The plugin is a loopback server of this process that MinIO asks about
// each token (POST ?token=...). It must run before MinIO starts, and lives
// as long as the process, as MinIO does.
const (
	identityPluginToken  = "sigv4kit-e2e-custom-token"
	identityPluginUser   = "sigv4kit-e2e"
	identityPluginRoleID = "sigv4kit-e2e"
	// identityPluginRoleARN is the ARN MinIO derives from the role ID and
	// its region (internal/arn: arn:minio:iam:REGION::role/idmp-ID).
	identityPluginRoleARN = "arn:minio:iam:" + minioRegion + "::role/idmp-" + identityPluginRoleID
)

var identityPlugin struct {
	once sync.Once
	url  string
}

// identityPluginEnv starts the plugin on first use and returns the MinIO
// environment that enables it, with the built-in readwrite policy for the
// credentials it leads to.
func identityPluginEnv() []string {
	identityPlugin.once.Do(func() {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if r.URL.Query().Get("token") != identityPluginToken {
				w.WriteHeader(http.StatusForbidden)
				json.NewEncoder(w).Encode(map[string]string{"reason": "unknown token"})
				return
			}
			json.NewEncoder(w).Encode(map[string]any{"user": identityPluginUser, "maxValiditySeconds": 3600, "claims": map[string]any{}})
		}))
		identityPlugin.url = srv.URL
	})
	return []string{
		"MINIO_IDENTITY_PLUGIN_URL=" + identityPlugin.url,
		"MINIO_IDENTITY_PLUGIN_ROLE_POLICY=readwrite",
		"MINIO_IDENTITY_PLUGIN_ROLE_ID=" + identityPluginRoleID,
	}
}
