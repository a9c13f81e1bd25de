// The demos by id (the ids are state.ts's DEMOS).
import type { DemoId } from "../state.ts";
import type { Demo } from "./demo.ts";
import { leastSquaresDemo } from "./leastSquares.ts";
import { separableDemo } from "./separable.ts";

export type { Demo, Post } from "./demo.ts";

export const demos: Readonly<Record<DemoId, Demo>> = {
  separable: separableDemo,
  "least-squares": leastSquaresDemo,
};
