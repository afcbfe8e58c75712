#!/usr/bin/env python3
"""readme_examples_test.py BIN README DATA_DIR

Runs every fenced ```sh example of the README, in order, as written, and checks each command's exit code against
the one its comment states ("# exit 1 ..."; "# exit 0, or 1 when ..." allows both; no comment: 0). A README that
drifts from the binary fails here.

What "as written" cannot mean on a test machine, and what is done instead (nothing else is changed):
  ./harness.sh              the built binary
  harness                   the built binary, on PATH (the first screen's installed package)
  https://staging.example.com
                            a harness mock started by this test on a free loopback port ("staging"); the block's
                            HTML comment `<!-- readme-test: staging-fault SPEC -->` starts it with that fault
  7f3c1a2e-… / 5b2e8f10-… / --project … / --conversation …
                            the mock's fixture ids (builtin_ids.sh); CDP_TOKEN=… and STAGING_TOKEN=… its token (also exported)
  --duration/--warmup/stage durations
                            1 s each (the examples' 10 s, 30 s, 2 m would take minutes; nothing is measured here)
  files the examples read   contracts/ (a link to the repository's), and written first: my-gateway.yaml (the bundled contract), staging.yaml (the
                            README's own target file, its url the staging mock), my-cases.yaml (the README's own scenario example), session.har
                            (tests/data/repro), customer.curl (a curl command to the block's staging mock), the four shards
                            of `report merge` (four 1 s shard runs), $GITHUB_STEP_SUMMARY (a file)
  a command that serves     (`harness mock …`) started on a free port (`--port 0` added when it gives none),
                            checked to print `listening on`, and stopped by PID
Blocks marked `<!-- readme-test: skip REASON -->` are not run (the CI commands themselves; the mock example has its
own test, readme_mock_test.sh). Every process started here is stopped by PID, also on failure.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time


def builtin_ids():
    """The mock's fixture ids and tokens from builtin_ids.sh (NAME=VALUE lines), the tests' one copy of them."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "builtin_ids.sh")
    with open(path, encoding="utf-8") as lines:
        return dict(re.fullmatch(r"(builtin_\w+)=(\S+)", line.strip()).groups()
                    for line in lines if line.startswith("builtin_"))


BUILTIN = builtin_ids()
PROJECT = BUILTIN["builtin_project"]
CONVERSATION = BUILTIN["builtin_conversation"]
TOKEN = BUILTIN["builtin_token"]

started = []


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    if process in started:
        started.remove(process)


def start_server(args, log_path, cwd, env):
    """Starts a server in its own process group; returns it once it prints `listening on`."""
    log = open(log_path, "w")
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, cwd=cwd, env=env, start_new_session=True)
    started.append(process)
    for _ in range(400):
        text = open(log_path).read()
        if "listening on" in text:
            return process, text
        if process.poll() is not None:
            break
        time.sleep(0.05)
    stop(process)
    fail(f"{' '.join(args)} did not start listening: {open(log_path).read()[-800:]}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_mock(binary, work, faults):
    for _ in range(5):
        port = free_port()
        args = [binary, "mock", "--port", str(port)] + [a for f in faults for a in ("--fault", f)]
        process, text = start_server(args, os.path.join(work, f"mock-{port}.log"), work, os.environ.copy())
        if f"listening on http://127.0.0.1:{port}" in text:
            return process, port
        stop(process)
    fail("no free port for the staging mock")


def blocks(readme_text):
    """Yields (annotation, [command lines]) for every ```sh block; the annotation is the readme-test comment
    right before the block (blank lines between allowed), or ''."""
    lines = readme_text.split("\n")
    i = 0
    annotation = ""
    while i < len(lines):
        line = lines[i]
        marker = re.match(r"<!-- readme-test:\s*(.*?)\s*-->", line)
        if marker:
            annotation = marker.group(1)
        elif line == "```sh":
            body = []
            i += 1
            while lines[i] != "```":
                body.append(lines[i])
                i += 1
            yield annotation, body
            annotation = ""
        elif line.strip():
            annotation = ""
        i += 1


def commands(body):
    """Joins continuation lines; drops comment-only lines. Yields (command, comment)."""
    joined = []
    for line in body:
        if joined and joined[-1].endswith("\\"):
            joined[-1] = joined[-1][:-1].rstrip() + " " + line.strip()
        else:
            joined.append(line)
    for line in joined:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        command, comment = line, ""
        # A comment starts at " #" outside quotes.
        quote = None
        for at, c in enumerate(line):
            if quote:
                quote = None if c == quote else quote
            elif c in "'\"":
                quote = c
            elif c == "#" and at > 0 and line[at - 1] == " ":
                command, comment = line[:at].rstrip(), line[at + 1:].strip()
                break
        yield command, comment


def allowed_exits(comment):
    m = re.search(r"\bexit\b(.*)", comment)
    if not m:
        return {0}
    codes = {int(c) for c in re.findall(r"\b(0|1|2|130)\b", m.group(1))}
    return codes or {0}


def rewrite(command, staging_port):
    staging = f"http://127.0.0.1:{staging_port}"
    command = command.replace("./harness.sh", "HARNESS_BIN")
    command = command.replace("https://staging.example.com", staging)
    # The README shortens an id to its first group: "7f3c1a2e-…".
    command = command.replace(PROJECT.split("-")[0] + "-…", PROJECT)
    command = command.replace(CONVERSATION.split("-")[0] + "-…", CONVERSATION)
    command = command.replace("--project …", f"--project {PROJECT}").replace("--conversation …",
                                                                           f"--conversation {CONVERSATION}")
    command = re.sub(r"\b(CDP_TOKEN|STAGING_TOKEN)=…", rf"\1={TOKEN}", command)
    command = re.sub(r"(--duration|--warmup) [0-9]+[smh]", r"\1 1s", command)
    command = re.sub(r"--stages ([^ ]+)", lambda m: "--stages " + ",".join(
        "1s:" + stage.split(":")[1] for stage in m.group(1).split(",")), command)
    return command


def write_fixtures(work, source_dir, readme_text, staging_port, binary):
    # The examples run from the repository's root: its contracts/ are where they say.
    os.symlink(os.path.join(os.path.abspath(source_dir), "contracts"), os.path.join(work, "contracts"))
    shutil.copy(os.path.join(source_dir, "contracts", "operator-message.openapi.yaml"),
                os.path.join(work, "my-gateway.yaml"))
    # The first screen's target file as written, pointed at the staging mock: a key it drops or misspells fails here.
    target = re.search(r"describe the target in a file, `staging.yaml`.*?\n```yaml\n(.*?)\n```", readme_text, re.S)
    if not target or "url: https://staging.example.com" not in target.group(1):
        fail("the README's target file example (`staging.yaml`, url https://staging.example.com) is missing")
    with open(os.path.join(work, "staging.yaml"), "w") as f:
        f.write(target.group(1).replace("https://staging.example.com", f"http://127.0.0.1:{staging_port}") + "\n")
    scenario = re.search(r"A scenario file \(every key.*?\n```yaml\n(.*?)\n```", readme_text, re.S)
    if not scenario:
        fail("the README's scenario example is missing")
    with open(os.path.join(work, "my-cases.yaml"), "w") as f:
        f.write(scenario.group(1) + "\n")
    shutil.copy(os.path.join(source_dir, "tests", "data", "repro", "browser-session.har"),
                os.path.join(work, "session.har"))
    for shard in range(4):
        result = subprocess.run([binary, "load", "--rate", "200", "--duration", "1s", "--shard", f"{shard}/4",
                                 "--no-progress", "--json", f"shard-{shard}.json"], cwd=work,
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            fail(f"shard {shard} for the merge example: {result.stdout[-500:]}{result.stderr[-500:]}")


def write_customer_curl(work, port):
    """The customer's curl command, to the block's staging mock (a customer's server is wherever it is)."""
    with open(os.path.join(work, "customer.curl"), "w") as f:
        f.write(f"curl -X POST 'http://127.0.0.1:{port}/v1/projects/{PROJECT}/livechat/conversations/"
                f"{CONVERSATION}/messages/operator' -H 'Authorization: Bearer customer-token' "
                "-H 'Content-Type: application/json' --data-raw '{\"itemUuid\":\"item-7\",\"text\":\"Hi\"}'\n")


def run_server_line(command, work, env, number):
    args = ["bash", "-c", "exec " + command]
    process, _ = start_server(args, os.path.join(work, f"server-{number}.log"), work, env)
    stop(process)
    print(f"ok      {command}   (listened, stopped)")


def main():
    binary, readme_path, source_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    readme_text = open(readme_path).read()
    work = tempfile.mkdtemp()
    staging = None
    try:
        staging, staging_port = start_mock(binary, work, [])
        write_fixtures(work, source_dir, readme_text, staging_port, binary)
        os.makedirs(os.path.join(work, "bin"))
        os.symlink(os.path.abspath(binary), os.path.join(work, "bin", "harness"))
        env = os.environ.copy()
        env["PATH"] = os.path.join(work, "bin") + os.pathsep + env["PATH"]
        env.update({"CDP_TOKEN": TOKEN, "STAGING_TOKEN": TOKEN,
                    "GITHUB_STEP_SUMMARY": os.path.join(work, "step-summary.md")})
        ran = 0
        number = 0
        for annotation, body in blocks(readme_text):
            if annotation.startswith("skip") or annotation.startswith("mock"):
                print(f"skipped block ({annotation}): {body[0]}")
                continue
            port = staging_port
            block_mock = None
            fault = re.match(r"staging-fault (\S+)", annotation)
            if fault:
                block_mock, port = start_mock(binary, work, [fault.group(1)])
            write_customer_curl(work, port)
            for command, comment in commands(body):
                number += 1
                line = rewrite(command, port).replace("HARNESS_BIN", binary)
                if re.search(r"(^|[ =])" + re.escape(binary) + r" mock\b", line):
                    # Its port is chosen by the system: the default one may be taken on a test machine.
                    run_server_line(line if "--port" in line else line + " --port 0", work, env, number)
                    ran += 1
                    continue
                result = subprocess.run(["bash", "-c", line], cwd=work, env=env, capture_output=True, text=True,
                                        timeout=300)
                expected = allowed_exits(comment)
                if result.returncode not in expected:
                    fail(f"README example exited {result.returncode}, its comment says {sorted(expected)}:\n"
                         f"  as written: {command}\n  run as:     {line}\n--- output (end) ---\n"
                         f"{(result.stdout + result.stderr)[-2500:]}")
                print(f"ok {result.returncode}    {command}")
                ran += 1
            if block_mock:
                stop(block_mock)
        if ran < 20:
            fail(f"only {ran} examples found in {readme_path}: is the README's format still ```sh blocks?")
        print(f"README examples: {ran} commands ran as written (with the substitutions listed at the top)")
    finally:
        for process in list(started):
            stop(process)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
