"""Splices docs/readme/<feature>.md into README.md between the FEATURES markers (run after editing a section)."""
import pathlib, re
root = pathlib.Path(__file__).resolve().parents[2]
order = ["attendance", "checkin", "bridge", "planning"]
parts = []
for name in order:
    f = root / "docs" / "readme" / f"{name}.md"
    if f.exists():
        # feature sections start at "##"; inside README they sit under "## Features", so demote one level
        parts.append(re.sub(r"^(#+) ", lambda m: "#" + m.group(1) + " ", f.read_text().strip(), flags=re.M))
readme = root / "README.md"
text = readme.read_text()
start, end = "<!-- FEATURES:START (assembled from docs/readme/*.md; edit those files) -->", "<!-- FEATURES:END -->"
before, rest = text.split(start, 1)
_, after = rest.split(end, 1)
readme.write_text(before + start + "\n\n" + "\n\n".join(parts) + "\n\n" + end + after)
print("README features:", [n for n in order if (root / "docs" / "readme" / f"{n}.md").exists()])
