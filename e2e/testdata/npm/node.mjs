// node.mjs: the package in Node, load() with no argument.
import { load } from "sigv4kit";
import { documentedGet } from "./show.js";

const s = await load();
console.log(JSON.stringify({ version: s.version, url: s.presign(documentedGet).url }));
