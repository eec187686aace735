"""A real varnishd (Debian's varnish + varnish-modules) on a free port, running docs/varnish.vcl."""

import contextlib
import re
import shutil
import subprocess
from pathlib import Path

from tests.newsroom.servers import wait_for_port
from tests.pgserver import real_clock_env

VCL = Path(__file__).resolve().parents[2] / "docs" / "varnish.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def missing():
    """Why Varnish cannot run here, or None."""
    if not Path(VARNISHD).exists():
        return "varnishd is not installed (apt-get install varnish varnish-modules)"
    if not list(Path("/usr/lib").glob("*/varnish/vmods/libvmod_xkey.so")):
        return "the xkey vmod is not installed (apt-get install varnish-modules)"
    return None


def vcl_for(backend_port):
    """docs/varnish.vcl as shipped, with only the backend's port changed."""
    pattern, port = r'\.port = "\d+";', f'.port = "{backend_port}";'
    text, count = re.subn(pattern, port, VCL.read_text(), count=1)
    assert count == 1, "docs/varnish.vcl should define one backend port"
    return text


@contextlib.contextmanager
def varnishd(directory, port, backend_port):
    directory.mkdir(parents=True, exist_ok=True)
    vcl = directory / "newsroom.vcl"
    vcl.write_text(vcl_for(backend_port))
    log = directory / "varnishd.log"
    # -j none: no privilege-dropping jail, so the workdir may live in the test's tmp_path.
    command = [VARNISHD, "-F", "-j", "none", "-n", str(directory / "work"), "-T", "none"]
    command += ["-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,32m"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, env=real_clock_env()
        )
        try:
            try:
                wait_for_port(port, process, timeout=30)
            except (RuntimeError, TimeoutError) as error:
                raise RuntimeError(f"{error}\n{log.read_text()[-3000:]}") from error
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
