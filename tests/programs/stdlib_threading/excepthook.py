import sys
import threading

def fail():
    raise ValueError("in thread")

t = threading.Thread(target=fail, name="failing")
t.start()
t.join()
sys.stderr.flush()

caught = []
def hook(args):
    caught.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))
old = threading.excepthook
threading.excepthook = hook
t = threading.Thread(target=fail, name="hooked")
t.start()
t.join()
threading.excepthook = old
print(caught)

def quits():
    sys.exit(3)
t = threading.Thread(target=quits)
t.start()
t.join()
print("SystemExit in a thread is silent")
