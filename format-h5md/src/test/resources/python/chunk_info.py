"""Prints h5py's chunk index of datasets as JSON.

usage: chunk_info.py FILE DATASET...
For each dataset: the user block size, and per stored chunk its offset (element coordinates),
filter mask, byte offset and size as H5Dget_chunk_info reports them, plus the sha1 of the stored
bytes as read_direct_chunk returns them.
"""
import hashlib
import json
import sys
import warnings

warnings.filterwarnings("ignore")
import h5py

path = sys.argv[1]
out = {}
with h5py.File(path, "r") as f:
    out["userblock"] = f.userblock_size
    for name in sys.argv[2:]:
        d = f[name]
        chunks = []
        if d.chunks is not None:
            for i in range(d.id.get_num_chunks()):
                info = d.id.get_chunk_info(i)
                mask, data = d.id.read_direct_chunk(info.chunk_offset)
                chunks.append({
                    "offset": list(info.chunk_offset),
                    "filter_mask": info.filter_mask,
                    "byte_offset": info.byte_offset,
                    "size": info.size,
                    "sha1": hashlib.sha1(data).hexdigest(),
                })
        out[name] = {"chunks": chunks, "chunk_shape": list(d.chunks) if d.chunks else None}
print(json.dumps(out))
