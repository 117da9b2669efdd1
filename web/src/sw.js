// The page's service worker: keeps a copy of the page's own files so it
// works offline after the first visit. Network first (a new build is seen at
// once), the copy when the network fails. It handles only GET requests to
// this origin: the live upload test and anything else pass by untouched.
//
// The build writes each file's content-hashed name into ASSETS and a hash of
// the whole build into CACHE, so a new build is a new worker (the browser
// compares this file's bytes) that fills a cache of its own and, once
// active, deletes the caches of earlier builds.
const CACHE = "sigv4kit-dev";
const ASSETS = [
  "./",
  "index.html",
  "app.js",
  "app.css",
  "sigv4.js",
  "sigv4.wasm",
  "demo.html",
  "sigv4-explainer.js",
  "upload-enhancer.js",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => Promise.all(ASSETS.map((asset) => cache.add(asset).catch(() => undefined))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("sigv4kit-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && response.type === "basic") {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(async () => {
        const cached = await caches.match(request, { ignoreSearch: true });
        if (cached) return cached;
        if (request.mode === "navigate") return (await caches.match("index.html")) || Response.error();
        return Response.error();
      }),
  );
});
