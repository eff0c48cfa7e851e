"""Writing output files atomically: a reader never sees half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def write_text(path: Path, text: str, *, atomic: bool = True) -> None:
    """Write ``path``: atomically (temporary file, fsync, rename) or, inside a temporary
    folder that is itself swapped in whole, plainly (see ``sync_files``)."""
    if atomic:
        atomic_write_text(path, text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def sync_files() -> None:
    """Flush written files to disk in one step before a folder is swapped in: one ``sync``
    costs about what a single ``fsync`` does, where one fsync per page cost 6 ms a page."""
    if hasattr(os, "sync"):
        os.sync()


# --------------------------------------------------------------------------- whole folders

STALE_AFTER_S = 6 * 3600  # a temporary whose writer cannot be told alive is stale after this


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.compare-tmp-"


def _probe_writable(folder: Path, target: Path) -> str | None:
    """None when a folder can be made in ``folder`` (tried, then removed), else why ``target`` cannot be written."""
    try:
        probe = tempfile.mkdtemp(prefix=".compare-probe-", dir=folder)
    except OSError as exc:
        return f"cannot write {target}: nothing can be made in {folder} ({exc.strerror or exc})"
    os.rmdir(probe)
    return None


def output_problem(out_dir: str | Path) -> str | None:
    """Why ``out_dir`` cannot receive a report, in words, or None when it can.

    It must be a folder (or not exist yet) and compare must be able to write beside it and,
    when it already holds other files, inside it.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() or out_dir.is_symlink():
        if not out_dir.is_dir():
            return f"{out_dir} is not a folder; -o names the folder the report is written to"
        if shares_folder(out_dir):
            problem = _probe_writable(out_dir, out_dir)
            if problem:
                return problem
    existing = out_dir.absolute().parent
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is not a folder, so {out_dir} cannot be made"
    return _probe_writable(existing, out_dir)


# What a report folder holds; anything else in OUT is someone else's and is left alone.
REPORT_ENTRIES = frozenset({"report.json", "index.html", "events"})


def shares_folder(out_dir: Path) -> bool:
    """Whether ``out_dir`` holds entries that are not compare's (a log, notes): then only
    compare's own entries in it are replaced and the rest is left alone."""
    return out_dir.is_dir() and any(entry.name not in REPORT_ENTRIES for entry in out_dir.iterdir())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove the temporary folders beside ``target`` that an interrupted or killed run left
    (their writer's process is gone, or they are older than STALE_AFTER_S); return them."""
    import shutil
    import time

    removed: list[Path] = []
    prefix = _temp_prefix(target)
    parent = target.absolute().parent
    if not parent.is_dir():
        return removed
    for entry in sorted(parent.iterdir()):
        if not entry.name.startswith(prefix) or not entry.is_dir() or entry.is_symlink():
            continue
        pid_part = entry.name[len(prefix):].split("-", 1)[0]
        try:
            age = time.time() - entry.lstat().st_mtime
        except OSError:
            continue
        if (pid_part.isdigit() and not _alive(int(pid_part))) or age > STALE_AFTER_S:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def new_temporary_folder(target: Path) -> Path:
    """An empty hidden folder beside ``target`` (same file system, so it can be renamed into place)."""
    parent = target.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{_temp_prefix(target)}{os.getpid()}-", dir=parent))


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    return False


def swap_in_folder(temporary: Path, target: Path) -> None:
    """Put the folder ``temporary`` at ``target``: the old ``target`` (if any) is replaced in
    one atomic exchange where the system has one, so a reader (or a crash) finds the old
    folder or the new one, never a mix."""
    import shutil

    os.chmod(temporary, 0o777 & ~_umask())  # mkdtemp makes 0700; outputs are ordinary folders
    if not target.exists() and not target.is_symlink():
        os.rename(temporary, target)
        return
    if _exchange(temporary, target):
        shutil.rmtree(temporary)  # now the old folder
        return
    old = Path(tempfile.mkdtemp(prefix=f"{_temp_prefix(target)}{os.getpid()}-old-", dir=target.absolute().parent))
    os.rmdir(old)
    os.rename(target, old)
    os.rename(temporary, target)
    shutil.rmtree(old, ignore_errors=True)


def move_entries_in(temporary: Path, target: Path) -> None:
    """Put each entry of the folder ``temporary`` into the existing folder ``target``, each one
    replaced in one step (a folder by an atomic exchange where the system has one, a file by a
    rename), pages first and ``index.html`` last; ``target``'s other files are left alone."""
    import shutil

    os.chmod(temporary, 0o777 & ~_umask())
    entries = sorted(temporary.iterdir(), key=lambda p: (p.name == "index.html", p.name))
    for entry in entries:
        dest = target / entry.name
        if entry.is_dir() and dest.is_dir() and not dest.is_symlink():
            os.chmod(entry, 0o777 & ~_umask())
            if not _exchange(entry, dest):
                old = Path(tempfile.mkdtemp(prefix=f"{_temp_prefix(target)}{os.getpid()}-old-", dir=temporary))
                os.rmdir(old)
                os.rename(dest, old)
                os.rename(entry, dest)
        elif dest.is_dir() and not dest.is_symlink():
            shutil.rmtree(dest)
            os.rename(entry, dest)
        else:
            os.replace(entry, dest)
    shutil.rmtree(temporary, ignore_errors=True)


def file_output_problem(path: str | Path, *, append: bool = False) -> str | None:
    """Why ``path`` cannot receive an output file, in words, or None when it can. A file that
    is replaced (not ``append``) must be a regular file or new: ``/dev/null`` is not
    replaced by a file."""
    path = Path(path)
    if path.is_dir():
        return f"{path} is a folder; name a file"
    if path.exists():
        if append:
            return None if os.access(path, os.W_OK) else f"cannot write to {path}: permission denied"
        if not path.is_file():
            return f"{path} is not a regular file (a device or pipe); name a file to write"
    existing = path.absolute().parent
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is not a folder, so {path} cannot be made"
    return _probe_writable(existing, path)
