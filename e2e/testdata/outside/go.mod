// A module outside sigv4kit that uses it as any other module would: by its
// module path, through the public API only. The replace points at this
// checkout, so the test (e2e/outside_module_test.go) builds it offline.
module example.com/outside

go 1.27.0

require github.com/sigv4kit/sigv4kit v0.0.0

replace github.com/sigv4kit/sigv4kit => ../../..
