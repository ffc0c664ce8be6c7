"""Writes a gzip-compressed H5MD with MDAnalysis, then times `trajstream analyze rmsd` (1 and 2
threads) against MDAnalysis's rms.RMSD on the same file, alternating, in one run.

usage: rmsd_vs_mdanalysis.py JAR WORKDIR [ATOMS FRAMES ROUNDS]
Times are wall-clock of the whole `trajstream` process (JVM start, open, analysis) and of
MDAnalysis's Universe creation + RMSD.run() inside this Python process (interpreter start excluded).
"""
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import MDAnalysis as mda
from MDAnalysis.analysis import rms
from MDAnalysis.coordinates.H5MD import H5MDWriter
from MDAnalysis.coordinates.memory import MemoryReader

jar, work = sys.argv[1], sys.argv[2]
atoms = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
frames = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 5
os.makedirs(work, exist_ok=True)
path = os.path.join(work, f"rmsd-{atoms}x{frames}.h5md")
sel = "index 0:299"

if len(sys.argv) > 6 and sys.argv[6] == "--write-only":
    rng = np.random.default_rng(7)
    base = rng.uniform(0, 50, size=(atoms, 3)).astype(np.float32)
    steps = rng.normal(0, 0.05, size=(frames, atoms, 3)).astype(np.float32)
    coords = base + np.cumsum(steps, axis=0)
    u = mda.Universe.empty(atoms, trajectory=True)
    u.load_new(coords, format=MemoryReader, dimensions=[50, 50, 50, 90, 90, 90], dt=1.0)
    u.trajectory.units = {"time": "ps", "length": "Angstrom"}
    with H5MDWriter(path, atoms, compression="gzip", compression_opts=4) as w:
        for _ in u.trajectory:
            w.write(u.atoms)
    sys.exit(0)

if not os.path.exists(path):
    # written by a child process, so the HDF5 file is fully closed before anyone reads it
    subprocess.run([sys.executable, __file__, jar, work, str(atoms), str(frames), str(rounds), "--write-only"], check=True)

def trajstream(threads):
    t0 = time.perf_counter()
    out = subprocess.run(["java", "-jar", jar, "analyze", "rmsd", path, "--select", sel, "--threads", str(threads)],
                         capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if out.returncode != 0:
        sys.exit(f"trajstream failed ({out.returncode}): {out.stderr}")
    return dt, json.loads(out.stdout)["values"]


def mdanalysis():
    t0 = time.perf_counter()
    u = mda.Universe.empty(atoms)  # H5MD has no topology: unit masses for RMSD's mass check
    u.add_TopologyAttr("masses", np.ones(atoms))
    u.load_new(path, format="H5MD")
    r = rms.RMSD(u.select_atoms(sel), u.select_atoms(sel), ref_frame=0).run()
    dt = time.perf_counter() - t0
    return dt, r.results.rmsd[:, 2]


times = {"trajstream 1 thread": [], "trajstream 2 threads": [], "MDAnalysis": []}
agree = 0.0
for _ in range(rounds):
    t1, v1 = trajstream(1)
    t2, v2 = trajstream(2)
    tm, vm = mdanalysis()
    times["trajstream 1 thread"].append(t1)
    times["trajstream 2 threads"].append(t2)
    times["MDAnalysis"].append(tm)
    assert v1 == v2, "1 and 2 threads must agree exactly"
    vm = np.asarray(vm)
    # frame 0 (the reference) is rounding noise of ~1e-7 in both programs: compare it absolutely
    diff = np.abs(np.asarray(v1) - vm)
    rel = np.max(diff[1:] / np.abs(vm[1:])) if len(vm) > 1 else 0.0
    agree = max(agree, float(rel))
    assert diff[0] < 1e-5, f"reference frame differs by {diff[0]}"

print(f"file: {path} ({os.path.getsize(path) / 1e6:.0f} MB, {atoms} atoms x {frames} frames, gzip-4, MDAnalysis H5MDWriter)")
print(f"selection: {sel}; {rounds} rounds, alternating; max relative difference to MDAnalysis (frames 1..): {agree:.1e}")
md_med = statistics.median(times["MDAnalysis"])
print(f"{'':24s} {'median s':>9s} {'best s':>8s} {'frames/s':>9s} {'speed-up vs MDAnalysis':>23s}")
for name, ts in times.items():
    med = statistics.median(ts)
    print(f"{name:24s} {med:9.2f} {min(ts):8.2f} {frames / med:9.0f} {md_med / med:23.2f}")
