"""Writes training.h5md: a small H5MD file as MDAnalysis writes one (gzip chunks, positions,
velocities, forces, box, units), read by the build's start-up training run."""
import sys
import numpy as np
import MDAnalysis as mda
from MDAnalysis.coordinates.memory import MemoryReader

atoms, frames = 24, 12
rng = np.random.default_rng(42)
u = mda.Universe.empty(atoms, trajectory=True, velocities=True, forces=True)
pos = rng.uniform(0, 20, (frames, atoms, 3)).astype(np.float32)
vel = rng.normal(0, 1, (frames, atoms, 3)).astype(np.float32)
frc = rng.normal(0, 10, (frames, atoms, 3)).astype(np.float32)
dims = np.tile(np.array([20, 20, 20, 90, 90, 90], dtype=np.float32), (frames, 1))
u.load_new(pos, format=MemoryReader, velocities=vel, forces=frc, dimensions=dims, dt=2.0)
u.trajectory.units = {"time": "ps", "length": "Angstrom", "velocity": "Angstrom/ps", "force": "kJ/(mol*Angstrom)"}
with mda.Writer(sys.argv[1], n_atoms=atoms, velocities=True, forces=True, compression="gzip",
                compression_opts=4, chunks=(4, atoms, 3), author="trajstream build",
                lengths="Angstrom", time="ps", velocities_unit="Angstrom/ps", forces_unit="kJ/(mol*Angstrom)") as w:
    for ts in u.trajectory:
        w.write(u)
