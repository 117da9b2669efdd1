// main.js: a sample app built with Vite, webpack or Rollup. Nothing here
// names the wasm: the bundler finds it through the module.
import { load } from "sigv4kit";
import "sigv4kit/sigv4-explainer.js";
import "sigv4kit/upload-enhancer.js";
import { show } from "./show.js";

show(load());
