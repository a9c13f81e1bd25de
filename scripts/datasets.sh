#!/usr/bin/env bash
# The real data sets the claims read, from Debian's packages (today: Fashion-MNIST for
# test-loss-vs-error, package dataset-fashion-mnist, gzipped IDX files).
#
#   bash scripts/datasets.sh          install what is missing (apt-get update first; needs root or sudo),
#                                     then say where the files are
#
# Exit 0 when the files are there, 1 when they could not be installed (the claims that need
# them then report "skipped" with the reason). biaslab looks in /usr/share/datasets/fashion-mnist
# (where the package puts the files) unless FASHION_MNIST_DIR or `--set dataDir=DIR` on
# `biaslab run` names another folder.
set -uo pipefail
PACKAGE=dataset-fashion-mnist
FILES=(train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz)

# the folder of the package that holds its IDX files (empty when it is not installed)
package_dir() {
  dpkg -L "$PACKAGE" 2>/dev/null | grep -m1 '/train-images-idx3-ubyte\(\.gz\)\?$' | xargs -r dirname
}

SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo -n) # never wait for a password (CI has no terminal)

dir="$(package_dir)"
if [ -n "$dir" ]; then
  echo "datasets.sh: $PACKAGE is already installed"
else
  echo "datasets.sh: installing $PACKAGE (apt-get update, apt-get install -y $PACKAGE)"
  if ! "${SUDO[@]}" apt-get update -qq || ! DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "$PACKAGE"; then
    echo "datasets.sh: could not install $PACKAGE; the claim test-loss-vs-error will report itself skipped" >&2
    exit 1
  fi
  dir="$(package_dir)"
fi
missing=()
for f in "${FILES[@]}"; do [ -f "$dir/$f" ] || missing+=("$f"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "datasets.sh: $PACKAGE is installed but ${dir:-its folder} lacks ${missing[*]}" >&2
  exit 1
fi
echo "datasets.sh: Fashion-MNIST is in $dir (${FILES[*]})"
