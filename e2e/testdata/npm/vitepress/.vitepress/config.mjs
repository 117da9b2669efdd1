// .vitepress/config.mjs
export default {
  title: "sigv4kit in VitePress",
  head: [["link", { rel: "icon", href: "data:," }]],
  vue: { template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith("sigv4-") } } },
};
