# Protocols and transports: create_server/create_connection, UDP datagram endpoints,
# Unix sockets, asyncio.Runner.
import asyncio
import os


class EchoServer(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        print("server: connection_made")

    def data_received(self, data):
        self.transport.write(data[::-1])

    def eof_received(self):
        print("server: eof_received")
        return False

    def connection_lost(self, exc):
        print("server: connection_lost", exc)


class Client(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.got = b""

    def connection_made(self, transport):
        transport.write(b"stressed")
        transport.write_eof()

    def data_received(self, data):
        self.got += data

    def connection_lost(self, exc):
        self.done.set_result(self.got)


class UdpEcho(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.transport.sendto(data.upper(), addr)


class UdpClient(asyncio.DatagramProtocol):
    def __init__(self, fut):
        self.fut = fut

    def datagram_received(self, data, addr):
        self.fut.set_result(data)

    def error_received(self, exc):
        print("error_received", exc)


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(EchoServer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    done = loop.create_future()
    transport, proto = await loop.create_connection(lambda: Client(done), "127.0.0.1", port)
    print("client got", await done)
    print(transport.is_closing(), type(transport).__name__)
    server.close()
    await server.wait_closed()

    srv_t, _ = await loop.create_datagram_endpoint(UdpEcho, local_addr=("127.0.0.1", 0))
    addr = srv_t.get_extra_info("sockname")
    fut = loop.create_future()
    cli_t, _ = await loop.create_datagram_endpoint(lambda: UdpClient(fut), remote_addr=addr)
    cli_t.sendto(b"datagram")
    print("udp reply", await asyncio.wait_for(fut, 2))
    cli_t.close()
    srv_t.close()

    path = "/tmp/taipan_stdlib_asyncio_protocols.sock"
    if os.path.exists(path):
        os.unlink(path)

    async def handle(reader, writer):
        writer.write((await reader.read()).upper())
        await writer.drain()
        writer.close()

    userver = await asyncio.start_unix_server(handle, path)
    reader, writer = await asyncio.open_unix_connection(path)
    writer.write(b"over a unix socket")
    writer.write_eof()
    print(await reader.read())
    writer.close()
    await writer.wait_closed()
    userver.close()
    await userver.wait_closed()
    print("socket file left (3.11):", os.path.exists(path))
    os.unlink(path)
    await asyncio.sleep(0)


asyncio.run(main())

with asyncio.Runner() as runner:
    print(runner.run(asyncio.sleep(0, result="first")))
    print(runner.run(asyncio.sleep(0, result="second")))
    print(type(runner.get_loop()).__name__)
