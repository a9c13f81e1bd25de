#!/usr/bin/env bash
# The peers of ../shared/BENCHMARKS.md: NumPy (on OpenBLAS) and CVXOPT, from Debian's packages.
#
#   bash scripts/peers.sh install                 install them if missing (apt-get update first; needs root)
#   bash scripts/peers.sh numpy [WORKLOAD...] [--scale K]
#                                                 run numpy_bench.py with OPENBLAS_NUM_THREADS=1 and with the default
#   bash scripts/peers.sh cvxopt [WORKLOAD...] [--out DIR]
#                                                 run cvxopt_bench.py (it writes its instances as CSV to DIR;
#                                                 biaslab bench svm-l2 nuclear-psd --instances DIR solves the same ones)
#   bash scripts/peers.sh compare [WORKLOAD...] [--scale K] [--json]
#                                                 biaslab bench --peers: each workload, then its peer, in one session
#
# libopenblas0-pthread makes Debian's NumPy use OpenBLAS (without it NumPy links the reference
# BLAS, 2-3× slower, which would flatter biaslab). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, set
# on some machines for older OpenBLAS builds, slow a current one: they are unset for the peer runs only.
# PEERS_DIR (default ../shared/peers beside the repository) is where the peer scripts are.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=/usr/bin/python3
PEERS_DIR="${PEERS_DIR:-../shared/peers}"
PACKAGES=(python3-numpy python3-cvxopt libopenblas0-pthread python3-threadpoolctl)

have_peers() {
  [ -x "$PYTHON" ] && "$PYTHON" -c "import numpy, cvxopt, threadpoolctl" 2>/dev/null && dpkg -s libopenblas0-pthread >/dev/null 2>&1
}

peer_env() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$@"; }

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
  install)
    if have_peers; then
      echo "peers.sh: NumPy, CVXOPT and OpenBLAS are already installed"
    else
      apt-get update
      DEBIAN_FRONTEND=noninteractive apt-get install -y "${PACKAGES[@]}"
    fi
    # which BLAS NumPy runs, and with which kernels, once the core-type variables are unset
    peer_env "$PYTHON" -c '
import numpy, cvxopt, threadpoolctl
blas = ", ".join("%s %s (%s kernels)" % (b["internal_api"], b["version"], b.get("architecture", "?")) for b in threadpoolctl.threadpool_info())
print("numpy", numpy.__version__, "| cvxopt", cvxopt.__version__, "| BLAS:", blas)'
    ;;
  numpy)
    echo "# OPENBLAS_NUM_THREADS=1"
    peer_env OPENBLAS_NUM_THREADS=1 "$PYTHON" "$PEERS_DIR/numpy_bench.py" "$@"
    echo "# default threads"
    peer_env -u OPENBLAS_NUM_THREADS "$PYTHON" "$PEERS_DIR/numpy_bench.py" "$@"
    ;;
  cvxopt)
    peer_env "$PYTHON" "$PEERS_DIR/cvxopt_bench.py" "$@"
    ;;
  compare)
    node bin/biaslab.mjs bench --peers --peers-dir "$PEERS_DIR" --python "$PYTHON" "$@"
    ;;
  *)
    sed -n '2,/^set -euo/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'
    [ -z "$cmd" ] || [ "$cmd" = "help" ] || [ "$cmd" = "--help" ] || exit 2
    ;;
esac
