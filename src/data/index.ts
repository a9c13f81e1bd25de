// Problem-parts layer: data sets, generators and loaders (each file adds its export line here).
export type { RegressionData } from "./types.ts";
export { parseCsv, parseLabelledCsv, csvRecords, DataError, type CsvOptions, type LabelledCsv } from "./csv.ts";
export * from "./generators.ts";
export {
  checkBinaryLabels, checkMulticlassLabels, separableData, separable2d, separableMulticlass, type SeparableMulticlassOptions,
  type BinaryClassificationData, type MulticlassData, type SeparableOptions, type SeparableData, type Separable2dOptions,
} from "./separable.ts";
export {
  readIdx, writeIdx, decodeIdx, gunzip, isGzip, idxTwoClass, idxMulticlass,
  type IdxArray, type IdxType, type IdxData, type IdxTwoClassOptions,
} from "./idx.ts";
export {
  parseMatrixCsv, countAsymmetric,
  type MatrixCsv, type MatrixCsvOptions, type MeasurementCsv, type EntriesCsv, type MatrixEntry, type MatrixShape,
} from "./measurements.ts";
export { examplesWithLabels, imageRows, columnMeans, subtractFromRows, type ImageRowsOptions } from "./images.ts";
export {
  MissingDataError, fashionMnist, FASHION_MNIST_CLASSES, installCommand, missingDataMessage,
  type DatasetSpec, type DatasetFiles, type DatasetLoader,
} from "./datasets.ts";
