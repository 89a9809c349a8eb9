"""Test-wide set-up.

A suite started in the background by a non-interactive shell (``make test &``,
some CI runners) inherits SIGINT ignored, so Python never installs its Ctrl-C
handler and the tests of what Ctrl-C does could not see one. Restore it, as an
interactive run has it; child processes started by the tests inherit the
default disposition again.
"""
import signal

if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
