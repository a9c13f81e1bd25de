// Losses: regression losses on residuals (classification losses on margins live beside them).
export type { ResidualLoss } from "./types.ts";
export { squaredLoss } from "./squared.ts";
