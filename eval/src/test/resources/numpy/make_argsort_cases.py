# Regenerates argsort_1_24_2.json: numpy's default np.argsort on tie-heavy float64 arrays.
# Run with numpy 1.24.2 (Debian bookworm's python3-numpy): /usr/bin/python3 make_argsort_cases.py
# Musser's median-of-3 killer of length 1024 drives numpy's introsort into its heapsort fallback.
import json, random, numpy as np

def median3_killer(n):
    k = n // 2
    a = [0] * n
    for i in range(1, k + 1):
        if i % 2:
            a[i - 1] = i
            a[i] = k + i
        a[k + i - 1] = 2 * i
    return a

rng = random.Random(7)
cases = []
for n in [3, 16, 17, 18, 31, 64, 200, 1000]:
    for k in [2, 5, 50]:
        cases.append([rng.randrange(k) / 4 for _ in range(n)])
for n in [64, 256, 1024]:
    cases.append([float(x % 7) for x in median3_killer(n)])
    cases.append([float(x) for x in median3_killer(n)])
out = [{"values": a, "argsort": np.argsort(np.array(a)).tolist()} for a in cases]
json.dump({"numpy": np.__version__, "cases": out}, open("argsort_1_24_2.json", "w"))
