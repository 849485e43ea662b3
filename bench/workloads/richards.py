"""Richards: Martin Richards' operating-system scheduler simulation. An idle
task, a worker, two handlers and two devices exchange packets through a
priority scheduler. Class-heavy: attribute loads and stores, method calls on
subclasses, linked lists of objects, None checks. Each run must end with
qpkt_count == 23246 and hold_count == 9297."""
import sys

ID_IDLE = 1
ID_WORKER = 2
ID_HANDLER_A = 3
ID_HANDLER_B = 4
ID_DEVICE_A = 5
ID_DEVICE_B = 6

KIND_DEVICE = 0
KIND_WORK = 1

BUFFER_SIZE = 4
LETTER_A = 65


class Packet:
    def __init__(self, link, owner, kind):
        self.link = link
        self.owner = owner
        self.kind = kind
        self.value = 0
        self.buffer = [0] * BUFFER_SIZE

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        last = queue
        nxt = last.link
        while nxt is not None:
            last = nxt
            nxt = last.link
        last.link = self
        return queue


class Kernel:
    def __init__(self):
        self.table = [None] * 10
        self.task_list = None
        self.hold_count = 0
        self.qpkt_count = 0

    def add(self, task):
        task.link = self.task_list
        self.task_list = task
        self.table[task.ident] = task

    def find(self, ident):
        task = self.table[ident]
        if task is None:
            raise ValueError("no task %d" % ident)
        return task

    def schedule(self):
        task = self.task_list
        while task is not None:
            if task.holding or (task.waiting and not task.pending):
                task = task.link
            else:
                task = task.run()


class Task:
    def __init__(self, kernel, ident, priority, queue, pending, waiting, holding):
        self.kernel = kernel
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.pending = pending
        self.waiting = waiting
        self.holding = holding
        self.link = None
        kernel.add(self)

    def run(self):
        if self.pending and self.waiting and not self.holding:
            packet = self.queue
            self.queue = packet.link
            self.pending = self.queue is not None
            self.waiting = False
            self.holding = False
        else:
            packet = None
        return self.step(packet)

    def step(self, packet):
        raise NotImplementedError

    def receive(self, packet, sender):
        if self.queue is None:
            self.queue = packet
            self.pending = True
            if self.priority > sender.priority:
                return self
        else:
            packet.append_to(self.queue)
        return sender

    # kernel calls made by a running task
    def hold(self):
        self.kernel.hold_count += 1
        self.holding = True
        return self.link

    def wait(self):
        self.waiting = True
        return self

    def release(self, ident):
        task = self.kernel.find(ident)
        task.holding = False
        if task.priority > self.priority:
            return task
        return self

    def send(self, packet):
        target = self.kernel.find(packet.owner)
        self.kernel.qpkt_count += 1
        packet.link = None
        packet.owner = self.ident
        return target.receive(packet, self)


class IdleTask(Task):
    def __init__(self, kernel, ident, priority, count):
        super().__init__(kernel, ident, priority, None, False, False, False)
        self.control = 1
        self.count = count

    def step(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.hold()
        if self.control & 1 == 0:
            self.control >>= 1
            return self.release(ID_DEVICE_A)
        self.control = (self.control >> 1) ^ 0xD008
        return self.release(ID_DEVICE_B)


class WorkerTask(Task):
    def __init__(self, kernel, ident, priority, queue):
        super().__init__(kernel, ident, priority, queue, True, True, False)
        self.destination = ID_HANDLER_A
        self.count = 0

    def step(self, packet):
        if packet is None:
            return self.wait()
        if self.destination == ID_HANDLER_A:
            self.destination = ID_HANDLER_B
        else:
            self.destination = ID_HANDLER_A
        packet.owner = self.destination
        packet.value = 0
        buf = packet.buffer
        for i in range(BUFFER_SIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            buf[i] = LETTER_A + self.count - 1
        return self.send(packet)


class HandlerTask(Task):
    def __init__(self, kernel, ident, priority, queue):
        super().__init__(kernel, ident, priority, queue, True, True, False)
        self.work = None
        self.devices = None

    def step(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work = packet.append_to(self.work)
            else:
                self.devices = packet.append_to(self.devices)
        work = self.work
        if work is None:
            return self.wait()
        index = work.value
        if index >= BUFFER_SIZE:
            self.work = work.link
            return self.send(work)
        dev = self.devices
        if dev is None:
            return self.wait()
        self.devices = dev.link
        dev.value = work.buffer[index]
        work.value = index + 1
        return self.send(dev)


class DeviceTask(Task):
    def __init__(self, kernel, ident, priority):
        super().__init__(kernel, ident, priority, None, False, True, False)
        self.stored = None

    def step(self, packet):
        if packet is None:
            packet = self.stored
            if packet is None:
                return self.wait()
            self.stored = None
            return self.send(packet)
        self.stored = packet
        return self.hold()


def run_once(idle_count):
    kernel = Kernel()
    IdleTask(kernel, ID_IDLE, 1, idle_count)

    queue = Packet(None, 0, KIND_WORK)
    queue = Packet(queue, 0, KIND_WORK)
    WorkerTask(kernel, ID_WORKER, 1000, queue)

    queue = Packet(None, ID_DEVICE_A, KIND_DEVICE)
    queue = Packet(queue, ID_DEVICE_A, KIND_DEVICE)
    queue = Packet(queue, ID_DEVICE_A, KIND_DEVICE)
    HandlerTask(kernel, ID_HANDLER_A, 2000, queue)

    queue = Packet(None, ID_DEVICE_B, KIND_DEVICE)
    queue = Packet(queue, ID_DEVICE_B, KIND_DEVICE)
    queue = Packet(queue, ID_DEVICE_B, KIND_DEVICE)
    HandlerTask(kernel, ID_HANDLER_B, 3000, queue)

    DeviceTask(kernel, ID_DEVICE_A, 4000)
    DeviceTask(kernel, ID_DEVICE_B, 5000)

    kernel.schedule()
    return kernel.qpkt_count, kernel.hold_count


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 38
    total_q = total_h = 0
    for _ in range(iterations):
        q, h = run_once(10000)
        if q != 23246 or h != 9297:
            raise SystemExit("richards: wrong result %d %d" % (q, h))
        total_q += q
        total_h += h
    print("qpkt_count=%d hold_count=%d" % (total_q, total_h))


main()
