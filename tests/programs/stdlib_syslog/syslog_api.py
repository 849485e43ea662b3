import syslog

print(syslog.__doc__, sorted(n for n in dir(syslog) if not n.startswith("__")))
print(syslog.LOG_USER, syslog.LOG_INFO, syslog.LOG_LOCAL7, syslog.LOG_PID, syslog.LOG_PERROR)
print(syslog.LOG_MASK(3), syslog.LOG_UPTO(3), syslog.LOG_UPTO(syslog.LOG_DEBUG))
old = syslog.setlogmask(0)
print(old, syslog.setlogmask(syslog.LOG_UPTO(syslog.LOG_ERR)), syslog.setlogmask(old) == syslog.LOG_UPTO(syslog.LOG_ERR))
syslog.openlog("taipan-test", 0, syslog.LOG_LOCAL0)
# Masked out, so nothing reaches the system log.
syslog.setlogmask(syslog.LOG_MASK(syslog.LOG_EMERG))
syslog.syslog(syslog.LOG_DEBUG, "hidden")
syslog.syslog("hidden too")
syslog.closelog()
syslog.closelog()
syslog.openlog()
syslog.openlog(ident="x", logoption=syslog.LOG_NDELAY, facility=syslog.LOG_USER)
syslog.closelog()
for args in [(), (1,), ("x", 1), (1, 2)]:
    try:
        syslog.syslog(*args)
    except TypeError as e:
        print("TypeError", e)
for call in [lambda: syslog.openlog(1), lambda: syslog.openlog("id", "x"), lambda: syslog.setlogmask("a"),
             lambda: syslog.closelog(1), lambda: syslog.syslog("a\0b")]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
syslog.setlogmask(old)
