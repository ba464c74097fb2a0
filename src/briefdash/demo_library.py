"""A throw-away library filled with the bundled demo corpus (for `briefdash --demo`)."""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path


def demo_feed_configs():
    from .demo import DEMO_DIR, DEMO_FEEDS
    from .models import FeedConfig

    return [FeedConfig(name=f["name"], url=str(Path(DEMO_DIR) / f["file"]), style=f.get("style"),
                       ministry=f.get("ministry")) for f in DEMO_FEEDS]


def build_demo_library(data_dir: Path, progress=None) -> Path:
    """Subscribe `data_dir` to the demo feeds and ingest them (no network)."""
    from .config import Config, Paths, save_config
    from .library import Library, refresh

    paths = Paths.resolve(data_dir)
    cfg = Config(feeds=demo_feed_configs())
    save_config(cfg, paths.config_file)
    lib = Library.open(str(data_dir))
    try:
        refresh(lib, progress)
    finally:
        lib.close()
    return data_dir


def prepare_demo_library() -> str:
    """A fresh temporary data dir holding the demo corpus; removed when the process exits."""
    d = Path(tempfile.mkdtemp(prefix="briefdash-demo-"))
    atexit.register(shutil.rmtree, d, ignore_errors=True)
    build_demo_library(d)
    return str(d)
