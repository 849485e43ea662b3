# sys.exit() with no argument or None exits with status 0.
import sys
def main():
    print("main ran")
    return None
sys.exit(main())
