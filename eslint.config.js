import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  // src/linalg/assembly: AssemblyScript (its own types: v128, f64x2, load<T>), compiled by scripts/build-wasm.sh
  { ignores: ["node_modules", "dist", "out", "web/dist", "src/linalg/assembly"] },
);
