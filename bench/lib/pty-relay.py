# The benchmark's terminal: runs a command on a fresh pseudo-terminal of a fixed size and relays bytes
# unchanged — our stdin to the terminal's input, the terminal's output to our stdout — as soon as they
# arrive (no buffering), so the Node side sees output when a real terminal emulator would.
# Usage: python3 pty-relay.py ROWS COLS COMMAND [ARGS...]   (the command inherits our environment)
# The child's pid is the first line on stderr ("pid N"); we exit with the child's exit status.
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios

rows, cols, command = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]

pid, master = pty.fork()
if pid == 0:
    # The size is set on our side of the terminal before the program starts, so its first read is right.
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.execvp(command[0], command)

sys.stderr.write(f"pid {pid}\n")
sys.stderr.flush()
signal.signal(signal.SIGTERM, lambda *_: os.kill(pid, signal.SIGTERM))

stdin_open = True
while True:
    watched = [master, 0] if stdin_open else [master]
    try:
        readable, _, _ = select.select(watched, [], [])
    except InterruptedError:
        continue
    if master in readable:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal (exited)
            break
        if not data:
            break
        os.write(1, data)
    if 0 in readable:
        data = os.read(0, 4096)
        if data:
            os.write(master, data)
        else:
            stdin_open = False

_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else 0)
