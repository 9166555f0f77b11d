"""The server a bench drives from outside (runserver, gunicorn): a free port, the process in its own
session so that stopping it stops its workers too, ready when the contact page answers."""
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_serving(server: subprocess.Popen, port: int, what: str, where_to_look: str = "") -> None:
    """Returns once http://127.0.0.1:PORT/contact/ answers 200; stops the server and exits when it died or
    did not answer within 60 s."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/contact/", timeout=10) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):  # not listening yet, or still loading
            pass
        if server.poll() is not None:
            raise SystemExit(f"{what} did not start{where_to_look}")
        time.sleep(0.2)  # waiting for another process to listen
    stop(server)
    raise SystemExit(f"{what} did not answer within 60 s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
