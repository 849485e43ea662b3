# When warnings._warn_unawaited_coroutine fails, the error goes to
# sys.unraisablehook and the "never awaited" warning is still issued.
import sys
import warnings

def hook(u):
    print("unraisable:", u.exc_type.__name__, type(u.object).__name__)
sys.unraisablehook = hook

async def corofn():
    pass

original = warnings._warn_unawaited_coroutine
warnings._warn_unawaited_coroutine = lambda coro: 1 / 0
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    coro = corofn()
    del coro
    print([str(x.message) for x in w])
    def raise_warning(coro):
        raise RuntimeWarning("from the hook")
    warnings._warn_unawaited_coroutine = raise_warning
    coro = corofn()
    del coro
    print([str(x.message) for x in w])
warnings._warn_unawaited_coroutine = original
