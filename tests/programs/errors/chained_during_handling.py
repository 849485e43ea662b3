# An exception raised inside an except block: implicit chaining in the traceback.
def parse(text):
    try:
        return int(text)
    except ValueError:
        print("could not parse", repr(text))
        raise RuntimeError(f"bad config value {text!r}")
print(parse("12"))
parse("twelve")
