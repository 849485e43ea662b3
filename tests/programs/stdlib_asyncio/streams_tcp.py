# TCP streams over loopback: start_server + open_connection on 127.0.0.1 port 0.
import asyncio


async def handle(reader, writer):
    peer = writer.get_extra_info("peername")
    print("server: client from 127.0.0.1:", peer[0] == "127.0.0.1")
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(b"echo " + line.upper())
        await writer.drain()
    print("server: client closed")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()
    print("listening on", host, port > 0, server.is_serving())

    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for msg in [b"hello\n", b"world\n", b"x" * 50000 + b"\n"]:
        writer.write(msg)
        await writer.drain()
        reply = await reader.readline()
        print("client got", len(reply), reply[:12])
    writer.write(b"partial")
    writer.write_eof()
    print(await reader.read())
    print("at eof:", reader.at_eof())
    writer.close()
    await writer.wait_closed()

    # readexactly / readuntil / IncompleteReadError
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"abc;def\n")
    print(await reader.readuntil(b";"))
    print(await reader.readexactly(4))
    writer.write_eof()
    print(await reader.readline())
    writer.close()
    try:
        await reader.readexactly(10)
    except asyncio.IncompleteReadError as e:
        print("IncompleteReadError", e.partial, e.expected)
    await writer.wait_closed()

    # several clients at once
    async def client(n):
        r, w = await asyncio.open_connection("127.0.0.1", port)
        w.write(f"client {n}\n".encode())
        data = await r.readline()
        w.close()
        await w.wait_closed()
        return data
    print(await asyncio.gather(*(client(i) for i in range(3))))

    server.close()
    await server.wait_closed()
    print("serving:", server.is_serving())
    try:
        await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError as e:
        print("ConnectionRefusedError", e.errno)

    async with await asyncio.start_server(handle, "127.0.0.1", 0) as srv:
        print(type(srv).__name__, len(srv.sockets))


asyncio.run(main())
