// ESLint (flat config) for the portal's browser modules and their Node tests.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: ["error", "always"],
      "no-implicit-globals": "error",
      "no-shadow": "error",
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      "object-shorthand": "error",
      "prefer-template": "error",
    },
  },
  {
    files: ["theme/assets/js/**/*.js", "generator/regiokaart/serve/overlay.js"],
    languageOptions: { globals: globals.browser },
  },
  {
    // A feature is a state module and a small view of small functions (STYLE.md, "The browser code").
    files: ["theme/assets/js/**/*.js"],
    rules: { "max-lines-per-function": ["error", { max: 150, skipBlankLines: true, skipComments: true }] },
  },
  {
    // The core is pure: no DOM, no window, no storage, so Node can test it.
    files: ["theme/assets/js/core/**/*.js"],
    languageOptions: { globals: globals["shared-node-browser"] },
    rules: {
      "no-restricted-globals": ["error", "window", "document", "localStorage", "sessionStorage", "navigator"],
    },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { globals: globals.node },
  },
];
