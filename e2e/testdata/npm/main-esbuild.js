// main-esbuild.js: the sample app as esbuild users write it, the way the
// package's README gives (esbuild does not follow new URL(…, import.meta.url)).
import { load } from "sigv4kit";
import wasm from "sigv4kit/sigv4.wasm";
import "sigv4kit/sigv4-explainer.js";
import { show } from "./show.js";

const signer = load(new URL(wasm, import.meta.url));
show(signer);
