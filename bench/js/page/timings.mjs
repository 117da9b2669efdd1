// timings.mjs: the navigation and resource timings every first-signature
// page returns (bundled into each page, so it costs them no request).

export function resourceTimings() {
  const pick = (e) => ({
    name: e.name.replace(/^.*\//, ""),
    startTime: e.startTime,
    responseStart: e.responseStart,
    responseEnd: e.responseEnd,
    transferSize: e.transferSize,
    encodedBodySize: e.encodedBodySize,
    decodedBodySize: e.decodedBodySize,
  });
  return [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map(pick);
}
