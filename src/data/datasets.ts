// Real data sets that the lab does not ship but reads from files a package installs, and the seam
// they arrive through: a claim names a DatasetSpec and calls the loader its RunContext carries;
// the Node edge (src/cli/datasets.ts) implements the loader with the file system, tests and
// browsers pass their own. A missing data set is a MissingDataError whose one-line message says
// what is missing and the exact command that installs it.
import { DataError } from "./csv.ts";

export interface DatasetSpec {
  /** e.g. "fashion-mnist" */
  readonly id: string;
  /** e.g. "Fashion-MNIST" */
  readonly title: string;
  /** the file names the claim reads (gzip-compressed IDX; the uncompressed name is accepted too) */
  readonly files: readonly string[];
  /** where the Debian package puts them */
  readonly folder: string;
  /** the Debian package that installs them */
  readonly debianPackage: string;
  /** an environment variable that names another folder */
  readonly envVar: string;
}

/** the spec's files by name */
export type DatasetFiles = Readonly<Record<string, Uint8Array>>;

/**
 * Reads every file of `spec` from `folder` (default: the spec's environment variable where set,
 * else spec.folder); rejects with a MissingDataError when a file is not there.
 */
export type DatasetLoader = (spec: DatasetSpec, folder?: string) => Promise<DatasetFiles>;

/** The files of a data set are not where the claim looked: one line with the install command. */
export class MissingDataError extends DataError {
  readonly dataset: string;
  constructor(message: string, dataset: string) {
    super(message);
    this.name = "MissingDataError";
    this.dataset = dataset;
  }
}

/** the command that installs the data set, as the message prints it */
export function installCommand(spec: DatasetSpec): string {
  return `sudo apt-get install ${spec.debianPackage} (or bash scripts/datasets.sh)`;
}

/** "Fashion-MNIST is not installed: … lacks …; install it: sudo apt-get install …" */
export function missingDataMessage(spec: DatasetSpec, what: string): string {
  return `${spec.title} is not installed: ${what}; install it: ${installCommand(spec)}, or name a folder with its files by --set dataDir=DIR or ${spec.envVar}=DIR`;
}

/** Zalando's Fashion-MNIST: 60,000 training and 10,000 test images, 28×28 grey levels, 10 classes. */
export const fashionMnist: DatasetSpec = {
  id: "fashion-mnist",
  title: "Fashion-MNIST",
  files: ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"],
  folder: "/usr/share/datasets/fashion-mnist",
  debianPackage: "dataset-fashion-mnist",
  envVar: "FASHION_MNIST_DIR",
};

/** Fashion-MNIST's class names by label */
export const FASHION_MNIST_CLASSES: readonly string[] = [
  "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
];
