#!/usr/bin/env bash
# The GPU checks, in one command for a machine with CUDA (the workplace's `device` tool lends one to some
# sessions; see docs/performance.md "On a real GPU"). Run from the repository root:
#   bash scripts/device_check.sh            # logs and JSON under $OUT (default /tmp/advisor-device)
# Wheels under .whl/ (pip download of the dev stack, ignored by git) are installed first, so the checks run
# against the same transformers / huggingface_hub as CI; the gpu tests then run once more against the
# machine's own installed stack. Stages are bounded one by one so a slow stage cannot eat the next.
set -uo pipefail
OUT=${OUT:-/tmp/advisor-device}
mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false
ROOT=$PWD
stage() { echo; echo "== $1 ($(date +%T))"; }

stage "machine"
nvidia-smi --query-gpu=name,memory.total,driver_version,compute_cap --format=csv | tee "$OUT/gpu.txt"
python3 -c "import torch, transformers, huggingface_hub, accelerate; print('machine stack: torch', torch.__version__,
  'transformers', transformers.__version__, 'huggingface_hub', huggingface_hub.__version__, 'accelerate',
  accelerate.__version__)" | tee -a "$OUT/gpu.txt"

if ls .whl/*.whl >/dev/null 2>&1; then
  stage "install the dev stack's wheels"
  # Two targets: all wheels (CI's stack), and all but the Hugging Face libraries (the machine's own stack).
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site-ci \
    .whl/*.whl || exit 1
  mkdir -p /tmp/site-own
  for w in .whl/*.whl; do
    case "$(basename "$w")" in transformers-*|huggingface_hub-*|accelerate-*|tokenizers-*|kernels-*|hf_xet-*) ;;
      *) python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site-own \
           "$w" ;; esac
  done
  CI_PATH=/tmp/site-ci:$ROOT OWN_PATH=/tmp/site-own:$ROOT
else
  CI_PATH=$ROOT OWN_PATH=$ROOT
fi

stage "gpu tests, CI's stack"
PYTHONPATH=$CI_PATH python3 -c "import transformers, huggingface_hub; print('stack:', transformers.__version__,
  huggingface_hub.__version__)"
PYTHONPATH=$CI_PATH timeout 150 python3 -m pytest tests/gpu -v -s -rA 2>&1 | tee "$OUT/gpu-tests-ci-stack.log"

stage "gpu tests, the machine's own stack"
PYTHONPATH=$OWN_PATH timeout 100 python3 -m pytest tests/gpu -v -rA 2>&1 | tee "$OUT/gpu-tests-own-stack.log"

stage "benchmark: loading onto the GPU, safe_load against from_pretrained"
PYTHONPATH=$CI_PATH timeout 150 python3 -m tests.bench --only gpu --rounds 5 --json "$OUT/bench-gpu.json" 2>&1 \
  | tee "$OUT/bench-gpu.log"

stage "CPU-suite modules that load models, with CUDA present"
# Two processes (about 2.5 min together on an H200 machine; one process needed over 4 min): SUITE_S bounds each.
PYTHONPATH=$CI_PATH timeout "${SUITE_S:-290}" python3 -m pytest -q -rf tests/parity tests/live \
  > "$OUT/suite-with-cuda-a.log" 2>&1 &
PYTHONPATH=$CI_PATH timeout "${SUITE_S:-290}" python3 -m pytest -q -rf tests/test_facts.py tests/test_preflight.py \
  tests/test_health.py tests/test_python_api.py tests/test_planner.py tests/test_parallel_plan.py \
  > "$OUT/suite-with-cuda-b.log" 2>&1
wait
tail -15 "$OUT/suite-with-cuda-a.log" "$OUT/suite-with-cuda-b.log"
stage "done"
