// ESLint (flat config) for cuaderno's own JavaScript: the browser modules in plugins/cuaderno/assets/
// (every *.js there, by glob) and their unit tests in tests/js/. Third-party scripts (Mermaid,
// DOMPurify, Material's) are served from node_modules or the theme and are not ours to lint.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", ".venv/", "site/", "**/*.min.js"] },
  js.configs.recommended,
  {
    files: ["plugins/cuaderno/assets/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
  {
    rules: {
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      eqeqeq: ["error", "always"],
    },
  },
];
