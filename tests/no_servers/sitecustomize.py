"""Loaded by every Python process a fast-path test starts (tests/conftest.py puts this folder
first on PYTHONPATH for tests not marked live or browser): a listening socket in such a child,
a `dkg serve` run by `run_dkg` say, ends it with this message instead of starting a server."""

import os
import socket

if os.environ.get("DKG_TEST_NO_SERVERS"):

    def _refuse_listen(self, *args):
        raise RuntimeError(
            f"a test not marked live tried to start a server (listen on {self.getsockname()!r}); "
            "mark it @pytest.mark.live (the fast path -m 'not live and not browser' starts no server)"
        )

    socket.socket.listen = _refuse_listen
