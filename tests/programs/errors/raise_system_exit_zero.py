# raise SystemExit(0) exits successfully without a traceback.
print("exiting cleanly")
def shutdown():
    raise SystemExit(0)
shutdown()
print("not reached")
