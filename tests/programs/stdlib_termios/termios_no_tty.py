# termios without a terminal (stdin is /dev/null): errors, argument checks, constants
import os, sys, termios
print(termios.error.__module__, termios.error.__mro__[1:])
names = sorted(n for n in dir(termios) if not n.startswith('_'))
print(len(names), names[:5], names[-5:])
print(termios.TCSANOW, termios.TCSADRAIN, termios.TCSAFLUSH, termios.ECHO, termios.ICANON, termios.VMIN, termios.VTIME, termios.NCCS, termios.B9600)
r, w = os.pipe()
def attempt(f, *a):
    try:
        print(f(*a))
    except Exception as e:
        print(type(e).__name__, e.args if isinstance(e, termios.error) else e)
attempt(termios.tcgetattr, r)
attempt(termios.tcgetattr, sys.stdin)
attempt(termios.tcgetattr, 'x')
attempt(termios.tcgetattr, -1)
attempt(termios.tcgetattr)
attempt(termios.tcsetattr, r, 0, [1])
attempt(termios.tcsetattr, r, 0, [0] * 6 + [[b'\x00'] * termios.NCCS])
attempt(termios.tcsetattr, r, 0)
attempt(termios.tcdrain, r)
attempt(termios.tcflush, r, termios.TCIFLUSH)
attempt(termios.tcflow, r, termios.TCOON)
attempt(termios.tcsendbreak, r, 0)
attempt(termios.tcgetwinsize, r)
attempt(termios.tcsetwinsize, r, (1, 2))
attempt(termios.tcsetwinsize, r, 5)
attempt(termios.tcflush, r, 1.5)
os.close(r); os.close(w)
