# loop.sock_* coroutines over a socketpair, and add_reader/add_writer.
import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)

    await loop.sock_sendall(a, b"ping")
    print(await loop.sock_recv(b, 100))

    # a recv that waits for the sender
    recv = asyncio.create_task(loop.sock_recv(b, 100))
    await asyncio.sleep(0.01)
    print("recv pending:", not recv.done())
    await loop.sock_sendall(a, b"late data")
    print(await recv)

    buf = bytearray(8)
    await loop.sock_sendall(a, b"into buffer")
    n = await loop.sock_recv_into(b, buf)
    print(n, bytes(buf))
    print(await loop.sock_recv(b, 100))

    # a big send that fills the socket buffer while the reader drains it
    payload = bytes(range(256)) * 4096
    async def drain():
        got = bytearray()
        while len(got) < len(payload):
            got += await loop.sock_recv(b, 65536)
        return bytes(got)
    reader = asyncio.create_task(drain())
    await loop.sock_sendall(a, payload)
    print("big transfer intact:", await reader == payload)

    # add_reader / remove_reader
    fut = loop.create_future()
    def readable():
        fut.set_result(b.recv(100))
        loop.remove_reader(b)
    loop.add_reader(b, readable)
    a.send(b"via add_reader")
    print(await fut)
    print("remove again:", loop.remove_reader(b))

    fut = loop.create_future()
    def writable():
        loop.remove_writer(a)
        fut.set_result("writable")
    loop.add_writer(a, writable)
    print(await fut)

    a.close()
    print("recv after peer close:", await loop.sock_recv(b, 10))
    b.close()

    # sock_connect / sock_accept
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    srv.setblocking(False)
    cli = socket.socket()
    cli.setblocking(False)
    accept = asyncio.create_task(loop.sock_accept(srv))
    await loop.sock_connect(cli, srv.getsockname())
    conn, addr = await accept
    print("accepted from", addr[0])
    conn.setblocking(False)
    await loop.sock_sendall(cli, b"over tcp")
    print(await loop.sock_recv(conn, 100))
    for s in (conn, cli, srv):
        s.close()


asyncio.run(main())
