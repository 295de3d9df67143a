"""The comparison bench: the same workload against both builds on one machine, in one run.

python -m bench.compare            (make bench: writes docs/comparison/)
python -m bench.compare --smoke    (a quick pass through every step, for CI)
"""
