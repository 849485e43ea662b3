# A real SSLSocket pair over socket.socketpair(), driven without threads:
# both ends non-blocking, the handshake and the data exchange advanced
# with select() on SSLWantReadError/SSLWantWriteError; then timeouts on a
# socket with settimeout() (TimeoutError from the SSL layer).
import os
import select
import socket
import ssl
import test

CERT = os.path.join(os.path.dirname(test.__file__), 'certdata', 'keycert.pem')

sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.load_cert_chain(CERT)
cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
cctx.load_verify_locations(CERT)

a, b = socket.socketpair()
a.setblocking(False)
b.setblocking(False)
client = cctx.wrap_socket(a, server_hostname='localhost', do_handshake_on_connect=False)
server = sctx.wrap_socket(b, server_side=True, do_handshake_on_connect=False)
print(type(client).__name__, client.server_side, server.server_side, client.server_hostname)


def step(sock, op):
    """Run op once; None if it has to wait, with what it waits for."""
    try:
        return op(), None
    except ssl.SSLWantReadError:
        return None, 'read'
    except ssl.SSLWantWriteError:
        return None, 'write'


def drive(ops):
    """Advance (sock, op) pairs until all completed, selecting on waits."""
    results = [None] * len(ops)
    done = [False] * len(ops)
    waits = 0
    for _ in range(100):
        rlist, wlist = [], []
        for i, (sock, op) in enumerate(ops):
            if done[i]:
                continue
            r, want = step(sock, op)
            if want is None:
                done[i] = True
                results[i] = r
            elif want == 'read':
                rlist.append(sock)
            else:
                wlist.append(sock)
        if all(done):
            return results, waits > 0
        waits += 1
        select.select(rlist, wlist, [], 5)
    raise RuntimeError('no progress')


print('handshake:', drive([(client, client.do_handshake), (server, server.do_handshake)]))
print('version:', client.version(), server.version())
print('cipher:', client.cipher()[1:])
print('peer subject:', dict(x[0] for x in client.getpeercert()['subject']))

print('send:', client.send(b'ping over TLS'))
got, _ = drive([(server, lambda: server.recv(100))])
print('server got:', got[0])
payload = bytes(range(256)) * 300
sent = 0
chunks = []
while sent < len(payload) or sum(map(len, chunks)) < len(payload):
    if sent < len(payload):
        try:
            sent += server.send(payload[sent:sent + 16384])
        except ssl.SSLWantWriteError:
            pass
    try:
        chunks.append(client.recv(65536))
    except ssl.SSLWantReadError:
        select.select([client], [], [], 5)
print('bulk:', sent, sum(map(len, chunks)), b''.join(chunks) == payload)

try:
    client.recv(10)
except ssl.SSLWantReadError as e:
    print('nothing to read:', e.args[0], type(e).__mro__[1].__name__)

# A blocking-with-timeout socket: the read times out in the SSL layer.
client.settimeout(0.2)
try:
    client.recv(10)
except TimeoutError as e:
    print('timeout:', type(e).__name__, e)
client.settimeout(None)
client.setblocking(False)

server.send(b'bye')
got, _ = drive([(client, lambda: client.recv(10))])
print('client got:', got[0])
client.close()
server.close()
