// Package webserver serves the build output of the page (web/dist) to a
// browser on the developer's machine and in the end-to-end tests.
//
// It serves files and nothing else: no directory listings, no files outside
// the folder (neither through "..", its encoded forms, backslashes or NUL
// bytes, nor through symbolic links), no dot files, and no direct requests for
// the precompressed siblings (name.br, name.gz), which are only other
// representations of name.
//
// Every response carries a strict Content-Security-Policy: the page may run
// only its own scripts and WebAssembly, and may connect and post forms only to
// itself and to the origins named in [Config.ConnectOrigins], so that a secret
// typed into the page cannot be sent anywhere else by accident.
//
// A file named NAME.HASH.EXT, HASH the first 12 hex digits of the SHA-256 of
// its bytes (as build.sh names what the page loads), is sent with
// Cache-Control: public, max-age=31536000, immutable: under that name it can
// never change. The hash is checked against the bytes before it is believed.
// Every other file (index.html, sw.js, the stable names embedders use) says
// no-cache. Every response carries a strong ETag (a SHA-256 of the bytes
// sent), so a revalidation gets a 304 when nothing changed.
package webserver
