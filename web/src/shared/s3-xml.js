// parseS3Xml reads the XML bodies S3-compatible servers answer with: an
// <Error> (Code, Message, and for SignatureDoesNotMatch the server's
// CanonicalRequest and StringToSign) or a <PostResponse> (Location, Bucket,
// Key, ETag). It returns null when text is not XML.
export function parseS3Xml(text) {
  if (!text || !/^\s*(<\?xml[^>]*>\s*)?</.test(text)) return null;
  const doc = new DOMParser().parseFromString(text.trim(), "application/xml");
  if (doc.getElementsByTagName("parsererror").length > 0) return null;
  const root = doc.documentElement;
  const values = {};
  for (const child of root.children) {
    // Keep the text exactly: canonical requests end lines with "\n" and a
    // trailing empty line is significant.
    values[child.localName] = child.textContent;
  }
  return { kind: root.localName, code: values.Code || "", message: values.Message || "", values };
}
