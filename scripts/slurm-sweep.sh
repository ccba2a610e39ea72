#!/usr/bin/env bash
# Runs an aiadopt sweep as a Slurm job array, one shard per array task, then merges.
#
#   sbatch --array=0-9 scripts/slurm-sweep.sh scenarios/sweeps/price-gap.toml results/price-gap
#   # when every task has finished:
#   MERGE=1 bash scripts/slurm-sweep.sh scenarios/sweeps/price-gap.toml results/price-gap
#
# Each task writes results/<name>/shard-<i>/; an interrupted task can be re-queued as is
# (--resume keeps its finished runs). The shard count is the array size (SLURM_ARRAY_TASK_COUNT).
# Without Slurm the same script runs locally: SLURM_ARRAY_TASK_ID=0 SLURM_ARRAY_TASK_COUNT=2 ...
#SBATCH --job-name=aiadopt-sweep
#SBATCH --cpus-per-task=4
#SBATCH --time=04:00:00
set -euo pipefail

sweep=${1:?usage: slurm-sweep.sh SWEEP.toml OUT_DIR}
out=${2:?usage: slurm-sweep.sh SWEEP.toml OUT_DIR}
aiadopt=${AIADOPT:-aiadopt}

if [ "${MERGE:-0}" = 1 ]; then
  exec "$aiadopt" merge "$out"/shard-* --out "$out/merged"
fi

task=${SLURM_ARRAY_TASK_ID:?not a Slurm array task: set SLURM_ARRAY_TASK_ID}
count=${SLURM_ARRAY_TASK_COUNT:?set SLURM_ARRAY_TASK_COUNT}
threads=${SLURM_CPUS_PER_TASK:-1}
exec "$aiadopt" sweep "$sweep" --shard "$((task + 1))/$count" --threads "$threads" \
  --out "$out/shard-$task" --resume --quiet
