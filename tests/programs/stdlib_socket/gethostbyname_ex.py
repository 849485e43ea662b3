# gethostbyname_ex: (name, aliases, IPv4 addresses) for a numeric
# address and for localhost; a missing argument.
import socket

print(socket.gethostbyname_ex('127.0.0.1'))
name, aliases, addrs = socket.gethostbyname_ex('localhost')
print(type(name).__name__, aliases, '127.0.0.1' in addrs)
try:
    socket.gethostbyname_ex()
except TypeError as e:
    print('TypeError', e)
