// Problem-parts layer: data sets, generators and loaders (each file adds its export line here).
export type { RegressionData } from "./types.ts";
export { parseCsv, csvRecords, DataError, type CsvOptions } from "./csv.ts";
export * from "./generators.ts";
