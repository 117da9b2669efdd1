// xhrUpload posts formData to url with XMLHttpRequest, the only browser API
// that reports upload progress. onProgress receives (loaded, total). It
// resolves with {status, text, url} for any HTTP answer and rejects with an
// Error whose name is "AbortError" (signal aborted) or "NetworkError" (no
// answer the page may read: offline, CORS, Content-Security-Policy).
export function xhrUpload(url, formData, { onProgress, signal } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.addEventListener("progress", (e) => {
      if (onProgress && e.lengthComputable) onProgress(e.loaded, e.total);
    });
    xhr.addEventListener("load", () => resolve({ status: xhr.status, text: xhr.responseText, url: xhr.responseURL }));
    xhr.addEventListener("error", () => reject(named("NetworkError", "the request could not be completed")));
    xhr.addEventListener("abort", () => reject(named("AbortError", "the upload was cancelled")));
    if (signal) {
      if (signal.aborted) return reject(named("AbortError", "the upload was cancelled"));
      signal.addEventListener("abort", () => xhr.abort(), { once: true });
    }
    xhr.send(formData);
  });
}

function named(name, message) {
  const err = new Error(message);
  err.name = name;
  return err;
}
