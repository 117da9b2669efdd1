// .vitepress/theme/index.js
import DefaultTheme from "vitepress/theme";

export default {
  extends: DefaultTheme,
  enhanceApp() {
    if (!import.meta.env.SSR) import("sigv4kit/sigv4-explainer.js");
  },
};
