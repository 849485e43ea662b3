# asyncio.create_subprocess_exec / create_subprocess_shell with pipes.
import asyncio
import sys


async def main():
    proc = await asyncio.create_subprocess_exec(
        "echo", "hello", "from", "echo", stdout=asyncio.subprocess.PIPE)
    out, err = await proc.communicate()
    print(out, err, proc.returncode)

    proc = await asyncio.create_subprocess_exec(
        "cat", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate(b"fed through stdin\n")
    print(out, proc.returncode)

    proc = await asyncio.create_subprocess_shell(
        "echo out; echo err >&2; exit 3",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await proc.communicate()
    print(out, err, proc.returncode)

    # line by line from a running process
    proc = await asyncio.create_subprocess_exec(
        "sh", "-c", "for i in 1 2 3; do echo line $i; done", stdout=asyncio.subprocess.PIPE)
    lines = []
    while line := await proc.stdout.readline():
        lines.append(line.decode().strip())
    print(lines, await proc.wait())

    # two processes at once
    async def run(cmd):
        p = await asyncio.create_subprocess_shell(cmd, stdout=asyncio.subprocess.PIPE)
        out, _ = await p.communicate()
        return out.decode().strip()
    print(await asyncio.gather(run("sleep 0.05; echo slow"), run("echo fast")))

    # a timeout kills the child
    proc = await asyncio.create_subprocess_exec("sleep", "10")
    try:
        await asyncio.wait_for(proc.wait(), 0.05)
    except asyncio.TimeoutError:
        proc.kill()
        print("killed, returncode", await proc.wait())

    proc = await asyncio.create_subprocess_exec("true", stdout=asyncio.subprocess.DEVNULL)
    print(await proc.wait())
    try:
        await asyncio.create_subprocess_exec("/nonexistent/program")
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno, e.filename)


asyncio.run(main())
