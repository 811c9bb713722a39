"""``python -m presslens.train.attribution --data DIR --output DIR`` (until the CLI carries it)."""

import os

# one BLAS thread: the model's products are small, and on a shared machine OpenBLAS threads mostly wait
# (measured: 7.7 s against 18 s for the same ten updates under load); set before numpy loads
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from .command import train_attribution_command  # noqa: E402

train_attribution_command(prog_name="python -m presslens.train.attribution")
