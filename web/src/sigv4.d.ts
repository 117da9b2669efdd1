// Types of sigv4.js: AWS Signature Version 4 presigned URLs, POST upload
// forms, header signing and verification, computed by a Go WebAssembly
// module. Every call is synchronous once load() has resolved.
//
//   import { load, SigV4Error } from "./sigv4.js";
//   const s = await load();
//   const { url } = s.presign({ accessKeyId, secretAccessKey, region: "us-east-1",
//     endpoint: "https://s3.amazonaws.com", bucket: "examplebucket", key: "test.txt" });
//
// Inputs are plain objects; a field that is not listed here is an error
// ("unsupported"), so a misspelt option is never silently ignored. A field
// set to undefined or null counts as not given.
//
// Limits: an input is at most 16 MiB (16,777,216 bytes) once written as JSON,
// checked before anything is copied into the module's memory ("out-of-range",
// field ""). That holds a text body of up to about 16 MiB, or a body of bytes
// of up to about 12 MiB (bytes cross as base64, which adds a third). Inputs
// nest at most 64 levels and hold at most 262,144 values. The Go package
// itself hashes bodies up to 256 MiB; use `unsignedPayload` (S3) for larger.
//
// Secrets: the module clears its input after each call. It keeps derived
// signing keys (valid for one day, region and service) in a small cache,
// found by a fingerprint, never the secret access key itself.

// ---- Loading -----------------------------------------------------------------

declare global {
  // Merges with lib.dom's declaration; makes these types compile in a Node
  // project whose lib has no DOM (Node 20's types do not declare WebAssembly).
  namespace WebAssembly {
    interface Module {}
  }
}

/**
 * load starts the WebAssembly module and resolves to the signer. The module
 * is started once: later calls return the same promise and the same
 * {@link Signer} (their argument is ignored), until loading fails or the
 * instance stops, after which the next call starts afresh.
 *
 * Without an argument it fetches `sigv4.wasm` next to `sigv4.js`
 * (`new URL("./sigv4.wasm", import.meta.url)`; the content-hashed copy
 * `sigv4.HASH.js` in web/dist fetches `sigv4.HASH.wasm`), compiling while it
 * downloads when the server sends `application/wasm`. In Node, where `fetch` cannot
 * read `file:` URLs, it reads the file instead (Node 20.16 or later, through
 * `process.getBuiltinModule`); elsewhere pass the bytes:
 * `load(readFileSync(".../sigv4.wasm"))`.
 *
 * Rejects with a {@link SigV4Error} of code `"internal"` when the module
 * cannot be fetched (the HTTP status is in the message), compiled or started
 * (the original error is its `cause`), and with a `TypeError` for an argument
 * of another type.
 */
export function load(): Promise<Signer>;
/** Fetches the module from a URL (a relative string resolves against the page, as `fetch` does). */
export function load(url: string | URL): Promise<Signer>;
/** Instantiates the module from a fetched response, or a promise of one, such as `fetch(url)`. */
export function load(response: Response | PromiseLike<Response>): Promise<Signer>;
/** Instantiates the module from its bytes: an ArrayBuffer, a Uint8Array or a Node Buffer. */
export function load(bytes: ArrayBuffer | ArrayBufferView): Promise<Signer>;
/**
 * Instantiates an already compiled module. (`& object` because the DOM's
 * `WebAssembly.Module` type is an empty interface that a number would match.)
 */
export function load(module: WebAssembly.Module & object): Promise<Signer>;

/** The signer: what {@link load} resolves to. Its functions need no `this` and may be destructured. */
export interface Signer {
  /**
   * presign makes a presigned URL: a request whose signature travels in the
   * query string, usable by whoever holds the URL until it expires.
   * @throws {SigV4Error} listing every problem of the input.
   */
  presign(input: PresignInput): PresignResult;
  /**
   * postPolicy makes a signed browser upload form (S3 POST Object): the
   * policy, the form fields in order and a ready-to-paste HTML form.
   * @throws {SigV4Error} listing every problem of the input.
   */
  postPolicy(input: PostPolicyInput): PostPolicyResult;
  /**
   * sign signs an HTTP request with an Authorization header and returns
   * every header to send and the {@link Snippets} that send it.
   * @throws {SigV4Error} listing every problem of the input.
   */
  sign(input: SignInput): SignResult;
  /**
   * snippets writes the curl command and the fetch() call that send a
   * request exactly as given, without signing it: for instance a Yandex
   * Cloud request carrying an IAM token read from the environment
   * (`envHeaders: {"X-YaCloud-SubjectToken": "IAM_TOKEN"}`).
   * @throws {SigV4Error} naming `method`, `url`, `headers.NAME` or `envHeaders.NAME`.
   */
  snippets(input: SnippetsInput): Snippets;
  /**
   * verify recomputes the signature of a presigned URL or of a header-signed
   * request and tells whether it is valid now (or at `now`). A wrong
   * signature is a result (`valid: false`), not an error.
   * @throws {SigV4Error} when the input is not a SigV4-signed request at all.
   */
  verify(input: VerifyInput): VerifyResult;
  /**
   * presignBatch presigns many inputs in one crossing into WebAssembly
   * (at most 10000). Each entry of the result is the {@link PresignResult}
   * or the {@link SigV4Error} of the input at the same index: one bad input
   * does not fail the others, and the errors are returned, not thrown.
   * @throws {SigV4Error} only when `inputs` is not an array, is too long or
   * cannot be converted to JSON.
   */
  presignBatch(inputs: readonly PresignInput[]): Array<PresignResult | SigV4Error>;
  /** version is the version of the WebAssembly module, such as `"0.1.0"`. */
  readonly version: string;
}

// ---- Errors ------------------------------------------------------------------

/**
 * ErrorCode is the stable, machine-readable reason of a problem:
 * - `"missing"`: a required field was not given;
 * - `"malformed"`: a field was given but cannot be read (wrong type, bad syntax, NaN);
 * - `"out-of-range"`: a field reads fine but lies outside its bounds;
 * - `"unsupported"`: the input asks for something the module does not do
 *   (an unknown field, an unknown addressing style, a POST policy for a service other than S3);
 * - `"internal"`: the module itself failed (a recovered panic, an instance that
 *   stopped, a module that cannot be loaded); never the caller's fault.
 */
export type ErrorCode = "missing" | "malformed" | "out-of-range" | "unsupported" | "internal";

/** FieldProblem is one problem with one input field. */
export interface FieldProblem {
  /**
   * The wire name of the field, such as `"expires"`, `"headers.Content-Type"`
   * or `"conditions[2]"`; `""` for the input as a whole.
   */
  field: string;
  /** Why the field is wrong. */
  code: ErrorCode;
  /**
   * A short phrase that reads after the field's label, such as "must be at
   * least 1 second". It never repeats the value given, so a secret cannot leak.
   */
  message: string;
}

/**
 * SigV4Error is thrown for every problem with an input, with every problem
 * found at once in {@link SigV4Error.errors}, so that a form can mark all bad
 * fields together. `code`, `field` and `message` describe the first one.
 */
export class SigV4Error extends Error {
  /** Builds the error from a non-empty list of problems (an empty list becomes one `"internal"` problem). */
  constructor(errors: readonly FieldProblem[], options?: { cause?: unknown });
  readonly name: "SigV4Error";
  /** The code of the first problem. */
  readonly code: ErrorCode;
  /** The field of the first problem; `""` for the input as a whole. */
  readonly field: string;
  /** The first problem as `field + ": " + message`, or its message alone when the field is `""`. */
  readonly message: string;
  /** Every problem found, in the order they were found; never empty. */
  readonly errors: readonly FieldProblem[];
}

// ---- Shared input types --------------------------------------------------------

/**
 * A point in time: ISO 8601 / RFC 3339 text (`"2013-05-24T00:00:00Z"`, with
 * fractions or an offset), the AWS basic form (`"20130524T000000Z"`), a bare
 * date (`"2013-05-24"`, midnight UTC), a `Date`, or epoch milliseconds. Times
 * before 1970 or after 9999 are `"out-of-range"`; an invalid `Date` or NaN is
 * `"malformed"`.
 */
export type TimeInput = string | number | Date;

/** A whole number of seconds, as a number, a bigint or numeric text such as `"3600"` (text from a form input). */
export type Seconds = number | bigint | `${number}`;

/**
 * Names and values, such as headers or query parameters: an object, or a list
 * of `[name, value]` pairs when a name repeats (repeated headers are signed
 * comma-joined, in order). Numbers and booleans are taken as their text.
 */
export type Pairs =
  | { readonly [name: string]: string | number | boolean }
  | ReadonlyArray<readonly [name: string, value: string | number | boolean]>;

/**
 * The signer's secret: exactly one of `secretAccessKey` and `signingKey`.
 */
export type Secret =
  | {
      /** The secret access key that belongs to `accessKeyId`. Never appears in any output or error. */
      secretAccessKey: string;
      signingKey?: undefined;
    }
  | {
      /**
       * The day-scoped signing key (64 hex digits) instead of the secret. It is
       * valid only for the date, region and service it was derived for: a key
       * of another scope yields signatures the server refuses.
       */
      signingKey: string;
      secretAccessKey?: undefined;
    };

/**
 * Asks for `debug` in the result: `true` for the intermediate values (as
 * `aws --debug` prints them), `{ signingKey: true }` for those and the
 * signing key. Off by default, like that flag: they are most of each reply,
 * and leaving them out makes a call about a fifth cheaper.
 */
export type DebugOption = boolean | DebugOptions;

/** What shows in `debug`. */
export interface DebugOptions {
  /**
   * Adds the signing key (hex) to {@link Debug.signingKey}. Off by default:
   * the key signs anything in its scope for a whole day.
   */
  signingKey?: boolean;
}

/** Fields every signing operation (presign, postPolicy, sign) shares. */
export interface ContextFields {
  /** The access key ID, such as `"AKIAIOSFODNN7EXAMPLE"`. Required. */
  accessKeyId: string;
  /** The session token of temporary (STS) credentials, sent as `X-Amz-Security-Token`. */
  sessionToken?: string;
  /**
   * The region of the credential scope, such as `"us-east-1"`, `"ru-central1"`,
   * or `"auto"` (Cloudflare R2). When omitted it is inferred from well-known
   * hosts (`s3.eu-west-1.amazonaws.com`, `storage.yandexcloud.net` and
   * `postbox.cloud.yandex.net` → `ru-central1`); otherwise it is `"missing"`.
   */
  region?: string;
  /** The service of the credential scope: `"s3"` (the default; {@link Signer.sign} requires it), `"ses"`, `"iam"`, ... */
  service?: string;
  /** The signing time. Default: now, to the second. */
  date?: TimeInput;
  /**
   * When temporary credentials expire: the `Expiration` STS returns with
   * them (an ISO 8601 string, a `Date` or epoch milliseconds, like `date`).
   * A presigned URL or a form signed with them stops working then, whatever
   * `expires` says, so {@link PresignResult.validUntil} and
   * {@link PostPolicyResult.validUntil} give the earlier of the two. It does
   * not change what is signed. A time not after `date` (credentials already
   * expired) is `"out-of-range"`: nothing signed with them would work.
   */
  credentialsExpireAt?: TimeInput;
  /** Whether the result carries `debug`, and what it shows. */
  debug?: DebugOption;
}

/** The request's URL. */
export interface UrlTarget {
  /**
   * The absolute URL, signed as a client sends it: characters a URL cannot
   * hold raw (a space, non-ASCII, quotes, braces, a `%` that starts no
   * escape) are percent-encoded first, existing `%XX` escapes are kept. S3
   * then decodes the path once (`+` is a literal plus) and signs it encoded
   * once; other services sign the path as it arrives, encoded again (`/a b`
   * is sent as `/a%20b` and signed as `/a%2520b`). Returned URLs are the
   * ones signed, in that form.
   */
  url: string;
  endpoint?: undefined;
  /** With a url, `bucket` and `key` are `"unsupported"` (except a post policy's bucket). */
  addressing?: undefined;
}

/** An S3 object (or bucket) named by endpoint, bucket and key instead of a URL. */
export interface ObjectTarget {
  url?: undefined;
  /**
   * The service's base URL without a path, such as `"https://s3.amazonaws.com"`
   * or `"https://storage.yandexcloud.net"`; a bare host means https.
   */
  endpoint: string;
  /** The bucket name (3 to 63 characters). */
  bucket: string;
  /** The raw, unencoded object key (at most 1024 UTF-8 bytes); omitted for the bucket itself. */
  key?: string;
  /**
   * How the bucket appears in the URL: `"path"` (`https://host/bucket/key`) or
   * `"virtual"` (`https://bucket.host/key`). Default: virtual on
   * `*.amazonaws.com` when the bucket name can be a host name, path elsewhere.
   * Another value is `"unsupported"`.
   */
  addressing?: Addressing;
}

/** How a bucket appears in an S3 URL. */
export type Addressing = "path" | "virtual";

/**
 * Something to know about a result that is still valid. `field` is the input
 * it concerns, `code` stable, `message` a short English phrase that reads
 * after the field's label.
 */
export interface Warning {
  field: string;
  /**
   * `"credentials-expire-first"`: `credentialsExpireAt` is before the
   * requested expiry, so `validUntil` is earlier than it: S3 refuses a
   * request signed with expired temporary credentials (AWS `ExpiredToken`).
   */
  code: WarningCode;
  message: string;
}

/** The codes of {@link Warning}. */
export type WarningCode = "credentials-expire-first";

// ---- presign -------------------------------------------------------------------

/** Options of {@link Signer.presign} besides credentials and target. */
export interface PresignOptions {
  /** The HTTP method the URL is for. Default `"GET"`. */
  method?: string;
  /**
   * How long the URL works, in whole seconds: from 1 to `maxExpires`.
   * Default 3600 (one hour).
   */
  expires?: Seconds;
  /**
   * Raises the upper bound of `expires`, in seconds, for providers that allow
   * more than AWS's 7 days (Yandex Object Storage: 2592000, 30 days).
   * Default 604800 (7 days); at most 31536000 (365 days). The URL's expiry
   * must also fall before the year 10000.
   */
  maxExpires?: Seconds;
  /** Extra query parameters to sign, unencoded, such as `response-content-disposition` or `versionId`. */
  query?: Pairs;
  /**
   * Adds {@link PresignResult.snippets}: a curl command and a fetch() call
   * that use the URL (a PUT uploads a file, a GET saves the object). Off by
   * default, so a batch of URLs stays small.
   */
  snippets?: boolean;
  /**
   * Extra headers to sign (Content-Type of a presigned PUT, `x-amz-acl`,
   * `x-amz-meta-*`); whoever uses the URL must send them with exactly these
   * values. They come back in {@link PresignResult.headers}.
   */
  headers?: Pairs;
}

/** The input of {@link Signer.presign}: credentials, a target (`url`, or `endpoint` + `bucket` + `key`) and options. */
export type PresignInput = ContextFields & Secret & (UrlTarget | ObjectTarget) & PresignOptions;

/** A presigned URL and what its holder must know to use it. */
export interface PresignResult {
  /** The presigned URL; `X-Amz-Signature` is its last query parameter, and it holds no `+`. */
  url: string;
  /** The HTTP method the URL is signed for, upper case. */
  method: string;
  /** The signed headers the request must carry, name → value (Host excluded: every client sends it). */
  headers: Record<string, string>;
  /**
   * The end that `X-Amz-Expires` sets: `signedAt` plus `expires`, ISO 8601
   * in UTC with milliseconds, such as `"2013-05-25T00:00:00.000Z"`.
   */
  expiresAt: string;
  /** The signing time (`X-Amz-Date`): ISO 8601 in UTC with milliseconds. */
  signedAt: string;
  /**
   * When the URL really stops working: `expiresAt`, or the input's
   * `credentialsExpireAt` when the credentials expire first (and `warnings`
   * then says so). ISO 8601 in UTC with milliseconds.
   */
  validUntil: string;
  /** Things to know about a valid result, such as `"credentials-expire-first"`; empty when there is none. */
  warnings: Warning[];
  /**
   * The snippets that use the URL; present when the input sets `snippets`.
   * `curlAwsSigv4` is always null here (the URL carries its signature).
   */
  snippets?: Snippets;
  /** The intermediate values of the signature; present when the input sets `debug`. */
  debug?: Debug;
}

// ---- postPolicy ----------------------------------------------------------------

/** The form's action: the bucket's URL, or endpoint + bucket. */
export type PostTarget =
  | {
      /** The bucket's URL, such as `"https://examplebucket.s3.amazonaws.com/"` or `"http://127.0.0.1:9000/bucket"`. */
      url: string;
      /** The bucket for the policy's bucket condition. Default: the first path segment of `url`, else the first label of its host. */
      bucket?: string;
      endpoint?: undefined;
      addressing?: undefined;
    }
  | {
      url?: undefined;
      /** The service's base URL without a path, such as `"https://s3.amazonaws.com"`; a bare host means https. */
      endpoint: string;
      /** The bucket name (3 to 63 characters). */
      bucket: string;
      /** How the bucket appears in the action URL. Default: virtual on `*.amazonaws.com` when the bucket name can be a host name, path elsewhere. */
      addressing?: Addressing;
    };

/**
 * One raw POST policy condition, as S3 documents them:
 * `{"acl": "public-read"}`, `["eq", "$acl", "public-read"]`,
 * `["starts-with", "$Content-Type", "image/"]` or
 * `["content-length-range", 1, 10485760]`. Conditions are checked as
 * `fields` are: none may name what the signer sets (`key`, `bucket`,
 * `policy`, `file`, `x-amz-credential`, `x-amz-algorithm`, `x-amz-date`,
 * `x-amz-signature`, `x-amz-security-token`); a redirect target
 * (`success_action_redirect`, `redirect`) is an absolute http(s) URL and a
 * `starts-with` prefix of one must fix the scheme (`"https://"`, not `""`);
 * `starts-with` is refused where S3 matches exactly (`bucket`,
 * `success_action_status`, `x-amz-*` other than `x-amz-meta-*`). An `eq` or
 * `starts-with` condition on a field not in `fields` adds that field,
 * holding its value (the prefix), which must then be a valid value for the
 * field: a Content-Type prefix such as `"image/"` is refused, list the types
 * in `contentTypes`. A field that a condition refuses is an error naming
 * both (`fields.acl` and `conditions[0]`).
 */
export type PolicyCondition =
  | { readonly [field: string]: string }
  | readonly ["eq" | "starts-with", `$${string}`, string]
  | readonly ["content-length-range", number | string, number | string];

/** Options of {@link Signer.postPolicy} besides credentials and target. */
export interface PostPolicyOptions {
  /**
   * The object key; may contain `${filename}`, which S3 replaces with the
   * uploaded file's name (the policy then allows any key that starts with
   * the part before it). Give `key` or `keyPrefix`.
   */
  key?: string;
  /** Instead of `key`: the key becomes `keyPrefix + "${filename}"`, with a `starts-with` condition. */
  keyPrefix?: string;
  /** How long the form works, in whole seconds from the signing time. Give `expires` or `expiration`. */
  expires?: Seconds;
  /** When the form stops working, instead of `expires`. */
  expiration?: TimeInput;
  /**
   * Extra form fields, each also an exact-match condition: `acl`,
   * `Content-Type`, `success_action_status`, `success_action_redirect`,
   * `x-amz-meta-*`, `Cache-Control`, `Content-Disposition`, ... The form keeps
   * their order.
   */
  fields?: Pairs;
  /** Extra raw policy conditions; a bad one is reported as `conditions[i]`. */
  conditions?: readonly PolicyCondition[];
  /**
   * The MIME types a file may be stored under, each concrete (`"image/png"`,
   * no `*`, no comma). One type: an exact condition and a hidden
   * `Content-Type` field. Several: the form's `Content-Type` is a required
   * `<select>` of them (without script the visitor chooses; the upload
   * enhancer picks the file's own type), and the policy gets a `starts-with`
   * condition on their longest common prefix, so they must share their
   * top-level type (`image/`). S3 has no one-of condition and checks the
   * declared type, never the file's bytes: a hand-made POST may declare any
   * type under that prefix, even `image/png,text/html`, which browsers open as
   * HTML. For files others open from the bucket, give one type (checked
   * exactly). A `Content-Type` condition in `conditions`
   * replaces the prefix; each type must satisfy it. Not with
   * `fields["Content-Type"]`. A bad one is reported as `contentTypes[i]`.
   */
  contentTypes?: readonly string[];
  /** Bounds the file size: `[min, max]` in bytes, inclusive (S3's limit is 5 GiB). */
  contentLengthRange?: readonly [min: number, max: number];
  /** The text of the generated form's button (`html`), in the page's language; at most 256 bytes. Default `"Upload"`. */
  submitLabel?: string;
}

/** The input of {@link Signer.postPolicy}. */
export type PostPolicyInput = ContextFields & Secret & PostTarget & PostPolicyOptions;

/** A signed browser upload form. */
export interface PostPolicyResult {
  /** The form's action URL. */
  url: string;
  /** Always `"POST"`. */
  method: "POST";
  /**
   * The form fields, name → value, in the order the form needs them (the
   * object's insertion order): `key` first, then the extra fields (then
   * `Content-Type` from `contentTypes`, and those a condition added), the `X-Amz-*` fields, `Policy`, and
   * `X-Amz-Signature` last. The file input is not included; it must come
   * after all of them.
   */
  fields: Record<string, string>;
  /** The policy document (JSON text) the signature covers. */
  policy: string;
  /** The padded standard base64 of `policy`: the value of the `Policy` field. */
  policyBase64: string;
  /** The signing time (the `X-Amz-Date` field): ISO 8601 in UTC with milliseconds. */
  signedAt: string;
  /** The policy's expiration: ISO 8601 in UTC with milliseconds. */
  expiration: string;
  /**
   * When the form really stops working: `expiration`, or the input's
   * `credentialsExpireAt` when the credentials expire first (and `warnings`
   * then says so). ISO 8601 in UTC with milliseconds.
   */
  validUntil: string;
  /** Things to know about a valid result, such as `"credentials-expire-first"`; empty when there is none. */
  warnings: Warning[];
  /**
   * The types the form offers in its `Content-Type` select, when the input
   * had `contentTypes`; `fields["Content-Type"]` holds the first.
   */
  contentTypes?: string[];
  /**
   * A complete, escaped `<form method="post" enctype="multipart/form-data">`
   * with a hidden input per field (a required `<select name="Content-Type">`
   * for several `contentTypes`), the file input last and a submit button.
   */
  html: string;
  /**
   * The intermediate values. A POST policy has no canonical request: its
   * `stringToSign` is `policyBase64` and `canonicalRequest` and
   * `signedHeaders` are empty. Present when the input sets `debug`.
   */
  debug?: Debug;
}

// ---- sign ----------------------------------------------------------------------

/** Options of {@link Signer.sign} besides credentials and target. */
export interface SignOptions {
  /**
   * The service of the credential scope, such as `"s3"`, `"ses"`, `"sts"`.
   * Required here: a request signed for the wrong service is refused.
   */
  service: string;
  /** The HTTP method. Default `"GET"`, or `"POST"` when there is a body. */
  method?: string;
  /** The request's headers (Host is taken from the URL). */
  headers?: Pairs;
  /**
   * The request body: text (sent as UTF-8) or bytes. A Uint8Array (or
   * ArrayBuffer) comes back as a Uint8Array in {@link SignResult.body}.
   * Bounded by the input limit (see the top of this file): about 16 MiB of
   * text or 12 MiB of bytes.
   */
  body?: string | Uint8Array | ArrayBuffer;
  /** Signs `UNSIGNED-PAYLOAD` instead of the body's SHA-256, so a large body need not be hashed. S3 only (an error on `unsignedPayload` otherwise). */
  unsignedPayload?: boolean;
}

/** The input of {@link Signer.sign}. */
export type SignInput = Omit<ContextFields, "service"> & Secret & (UrlTarget | ObjectTarget) & SignOptions;

/** A signed request. */
export interface SignResult {
  /** The HTTP method, upper case. */
  method: string;
  /** The URL to send the request to, in canonical encoding. */
  url: string;
  /**
   * Every header to send, name → value, including `X-Amz-Date`,
   * `X-Amz-Content-Sha256` (S3), `X-Amz-Security-Token` (session credentials)
   * and `Authorization` (last).
   */
  headers: Record<string, string>;
  /** The body as given: the text, the bytes (as a Uint8Array), or null when there is none. */
  body: string | Uint8Array | null;
  /** The curl commands and the fetch() call that send this request. */
  snippets: Snippets;
  /** The intermediate values of the signature; present when the input sets `debug`. */
  debug?: Debug;
}

// ---- snippets ------------------------------------------------------------------

/** The input of {@link Signer.snippets}: a request to send as it is. */
export interface SnippetsInput {
  /** The HTTP method. Default `"GET"`. */
  method?: string;
  /** The absolute URL, sent byte for byte. */
  url: string;
  /** Headers sent with exactly these values. */
  headers?: Pairs;
  /**
   * Headers whose value the snippet reads from an environment variable when
   * it runs, name → variable name (A-Z, 0-9, _): no token is printed.
   */
  envHeaders?: Pairs;
  /** The body: text (UTF-8) or bytes. */
  body?: string | Uint8Array | ArrayBuffer;
}

/**
 * Texts that send one request exactly as it was signed: the method, the
 * URL's path and query byte for byte, every header, the body. Each is
 * proven by what a local listener receives and by MinIO's answer.
 */
export interface Snippets {
  /**
   * A POSIX shell command (curl 7.76 or later: `--fail-with-body`). Every
   * argument is single-quoted where needed; a text body is sent with
   * `--data-raw` (never read as a file, whatever it starts with). Null when
   * curl cannot send the request (a body with HEAD).
   */
  curl: string | null;
  /**
   * The command that has curl sign the request itself
   * (`curl --aws-sigv4 "aws:amz:REGION:SERVICE"`), with the keys read from
   * `$AWS_ACCESS_KEY_ID`, `$AWS_SECRET_ACCESS_KEY` (and
   * `$AWS_SESSION_TOKEN`): it never expires and prints no secret. Null for
   * presigned URLs and unsigned requests.
   */
  curlAwsSigv4: string | null;
  /**
   * Why curl's own signer (as tested with curl 7.88) signs this request
   * differently from AWS, so the server refuses it: `"path"` (a path AWS
   * encodes or normalizes differently), `"empty-header"` (a header with an
   * empty value), `"content-type"` (a body without a Content-Type). Empty
   * when curl signs it as AWS does.
   */
  curlAwsSigv4Issues: string[];
  /**
   * JavaScript for a module or an async function (browser, Node 18+). Null
   * when fetch() cannot send the request unchanged: a body with GET or HEAD,
   * a header browsers set themselves, or a URL the browser would rewrite
   * (see `browserUrl`).
   */
  fetch: string | null;
  /**
   * `"body.bin"` when the body cannot be written on a shell line (binary, a
   * NUL or another control character): the curl commands read it from that
   * file and say so in a comment. Null otherwise.
   */
  bodyFile: string | null;
  /**
   * Whether a browser (a link, fetch()) sends the URL's path and query
   * unchanged. False when its URL parser would rewrite them (it removes "."
   * and ".." segments, also written %2e): such a link cannot be opened from
   * a browser.
   */
  browserUrl: boolean;
}

// ---- verify --------------------------------------------------------------------

/**
 * The input of {@link Signer.verify}: a presigned URL, or a header-signed
 * request, as it reaches the server, with the secret and the access key ID
 * it must be signed with. verify reaches the verdict AWS S3 reaches: a request
 * S3 refuses is never `valid`.
 */
export type VerifyInput = Secret & {
  /**
   * The access key ID the request must be signed with (required). A
   * signature does not cover the key ID (a server finds the secret by it),
   * so a request naming another key is `reason: "wrong-access-key"`.
   */
  accessKeyId: string;
  /** The presigned URL (with its `X-Amz-*` query parameters), or the URL of a header-signed request. */
  url: string;
  /** The HTTP method as sent (methods are case-sensitive). Default `"GET"`. */
  method?: string;
  /**
   * The request's headers as sent: for a header-signed request, the
   * `Authorization` header and every signed header but Host. An `x-amz-*`
   * header an S3 request carries but does not sign is `"unsigned-header"`.
   */
  headers?: Pairs;
  /**
   * The request's body. Absent (or null) means not given; `""` is an empty
   * body. A body is needed when the signature covers its SHA-256 (an
   * `x-amz-content-sha256` hash, a presigned `X-Amz-Content-Sha256`, or a
   * request to another service than S3): without it the result is
   * `"payload-not-checked"` when the request states the hash, and an error
   * (`body`, missing) when only the body gives it. `UNSIGNED-PAYLOAD` needs
   * none. Streaming (`STREAMING-…`, aws-chunked) payloads are an
   * `"unsupported"` error: their chunk signatures are not verified.
   */
  body?: string | Uint8Array | ArrayBuffer;
  /**
   * The longest `X-Amz-Expires` accepted, in seconds: default 604800 (7 days,
   * AWS's limit); raise it for providers that allow more (Yandex Object
   * Storage: 2592000).
   */
  maxExpires?: Seconds;
  /** The time to check expiry against. Default: now. */
  now?: TimeInput;
  /** What to add to `debug` (a verdict always carries it). */
  debug?: DebugOption;
};

/**
 * Why a signature is valid or not:
 * - `"wrong-access-key"`: the request names another access key ID than `accessKeyId`;
 * - `"missing-signed-header"`: a header the signature lists is not in `headers` (see `header`);
 * - `"signature-mismatch"`: the signature is not the one computed;
 * - `"unsigned-header"`: an S3 request carries an `x-amz-*` header it does not sign (see `header`);
 * - `"expired"`, `"not-yet-valid"`: outside its validity at `now`;
 * - `"payload-mismatch"`: the body's SHA-256 is not the hash the request states and signs;
 * - `"payload-not-checked"`: all else holds, but the signed body hash could not be checked without `body`.
 *
 * A request that is not well formed the way AWS documents it (an upper-case
 * signature, `X-Amz-Expires=03600`, a signing parameter given twice, an
 * unsorted or upper-case SignedHeaders list, an Authorization header of
 * another shape) throws a {@link SigV4Error} naming the field.
 */
export type VerifyReason =
  | "valid"
  | "signature-mismatch"
  | "expired"
  | "not-yet-valid"
  | "wrong-access-key"
  | "missing-signed-header"
  | "unsigned-header"
  | "payload-mismatch"
  | "payload-not-checked";

/** The outcome of {@link Signer.verify}. */
export interface VerifyResult {
  /** Whether the signature matches and the request is within its validity at `now`. */
  valid: boolean;
  /** Whether `now` is after `expiresAt`. */
  expired: boolean;
  /**
   * Whether `now` is before the signing time (a presigned URL), or more than
   * the 15 minutes of allowed clock skew before it (a header-signed request).
   */
  notYetValid: boolean;
  /** Whether the signature travels in the query string (a presigned URL) rather than in a header. */
  presigned: boolean;
  /** Why the signature is valid or not. */
  reason: VerifyReason;
  /** The access key ID named in the signature's credential (the request's, even when it is the wrong one). */
  accessKeyId: string;
  /** The region of the signature's credential scope. */
  region: string;
  /** The service of the signature's credential scope. */
  service: string;
  /** The signing time (ISO 8601 in UTC with milliseconds), or null when unknown. */
  signedAt: string | null;
  /**
   * When the signature stops being accepted (ISO 8601 in UTC with milliseconds):
   * `X-Amz-Expires` after the signing time for a presigned URL, the 15-minute
   * clock skew AWS allows for a header-signed request; null when unknown.
   */
  expiresAt: string | null;
  /** The signature the request carries. */
  provided: string;
  /** With `reason: "missing-signed-header"` or `"unsigned-header"`, the name of that header. */
  header?: string;
  /** The canonical request and string to sign the signature should have been computed over. */
  debug: Debug;
}

// ---- Results shared by every operation ----------------------------------------

/** The intermediate values of a signature, under the names the AWS documents use. */
export interface Debug {
  /** The canonical request, lines joined with `\n`. */
  canonicalRequest: string;
  /** The string to sign, lines joined with `\n`. */
  stringToSign: string;
  /** The credential scope: `date/region/service/aws4_request`. */
  credentialScope: string;
  /** The signed header names, lower case, sorted and joined with `;`. */
  signedHeaders: string;
  /** The signature: 64 lower-case hex digits. */
  signature: string;
  /** The signing key (64 hex digits); present only when the input sets `debug: { signingKey: true }`. */
  signingKey?: string;
}
