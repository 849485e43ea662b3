# A TCP reset under a TLS connection: a read or write reports it as
# SSLEOFError (CPython's SSL_read_ex/SSL_write_ex path), which
# suppress_ragged_eofs turns into b'' for a read, while a handshake reports
# the OSError itself (ConnectionResetError).
import os
import socket
import ssl
import struct
import test
import threading

CERT = os.path.join(os.path.dirname(test.__file__), 'certdata', 'keycert.pem')
sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.load_cert_chain(CERT)
cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
cctx.check_hostname = False
cctx.verify_mode = ssl.CERT_NONE
listener = socket.create_server(('127.0.0.1', 0))
addr = listener.getsockname()


def reset(sock):
    # SO_LINGER with a zero timeout: close() sends RST, not FIN.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    sock.close()


def connected_pair(suppress):
    client = cctx.wrap_socket(socket.socket())
    t = threading.Thread(target=client.connect, args=(addr,))
    t.start()
    conn, _ = listener.accept()
    server = sctx.wrap_socket(conn, server_side=True, suppress_ragged_eofs=suppress)
    t.join()
    # The client reads the session tickets, so only the reset is left.
    client.settimeout(0.2)
    try:
        client.recv(10)
    except TimeoutError:
        pass
    return client, server


def show(what, f):
    try:
        print(what, repr(f()))
    except OSError as e:
        print(what, type(e).__name__, e.args[0] if isinstance(e, ssl.SSLError) else e.errno,
              'EOF occurred' in str(e))


client, server = connected_pair(suppress=False)
reset(client)
show('read, not suppressed:', server.read)
server.close()

client, server = connected_pair(suppress=True)
reset(client)
show('read, suppressed:', server.read)
server.close()

client, server = connected_pair(suppress=True)
reset(client)
show('write:', lambda: [server.write(b'x' * 1000) for _ in range(100)])
server.close()

raw = socket.create_connection(addr)
conn, _ = listener.accept()
reset(raw)
show('handshake:', lambda: sctx.wrap_socket(conn, server_side=True))
conn.close()
listener.close()
