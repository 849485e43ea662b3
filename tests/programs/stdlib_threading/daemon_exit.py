import threading
import time

started = threading.Event()

def forever():
    started.set()
    while True:
        time.sleep(0.01)

def spin():
    n = 0
    while True:
        n += 1

threading.Thread(target=forever, daemon=True).start()
threading.Thread(target=spin, daemon=True).start()
started.wait()

done = []
def slow():
    time.sleep(0.1)
    done.append(1)
    print("non-daemon finished")

threading.Thread(target=slow).start()
print("main exits")
