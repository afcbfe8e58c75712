#!/usr/bin/env python3
"""ci_doc_test.py BIN CI_DOC

Runs the verify and load jobs of docs/ci.md as written: every `run:` step of the GitHub Actions pipeline's verify
and load jobs, and every `script:`/`after_script:` line of the GitLab pipeline's, in order, each pipeline twice in
one working folder (the first run keeps its load result as the baseline, the second compares against it), with
`bash -e`. A page that drifts from the binary fails here.

What "as written" cannot mean on a test machine, and what is done instead (nothing else is changed):
  apt-get install ./harness_*.deb   not run (the package job's work; scripts/package-check.sh installs the
                                    package on a fresh Debian 12 root): `harness` is the built binary, on PATH
  ./harness.sh package              not run (the package job; the package.contents test builds the package)
  staging.yaml                      the page's own file, with its url the harness mock this test starts on a
                                    free loopback port and its ids the mock's fixture ids (builtin_ids.sh)
  CDP_TOKEN, CDP_TOKEN_2, …         the mock's fixture tokens; $GITHUB_STEP_SUMMARY a file
  --duration 60s --warmup 10s       2 s and 1 s (nothing is measured here)
Expected exits: 0 for every step, but `report compare` of the second run, which may also exit 1: two 1 s runs on
a shared machine may differ by more than 10 % (the command ran and compared; that is what is tested here). Every
process started here is stopped by PID, also on failure.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from readme_examples_test import BUILTIN  # noqa: E402  the one copy of the fixture ids


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def blocks(text):
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


def github_steps(pipeline):
    steps = []
    for job in ("verify", "load"):
        for step in pipeline["jobs"][job]["steps"]:
            if "run" in step and "apt-get install" not in step["run"]:
                steps.append((f"github {job}: {step.get('name', step['run'][:40])}", step["run"]))
    return steps


def gitlab_steps(pipeline):
    steps = []
    for job in ("verify", "load"):
        for key in ("script", "after_script"):
            for line in pipeline[job].get(key, []):
                if not isinstance(line, str):
                    fail(f"gitlab {job} {key}: a line YAML reads as {type(line).__name__}, not a command: {line}")
                steps.append((f"gitlab {job}: {line[:50]}", line))
    return steps


def shortened(command):
    return command.replace("--duration 60s", "--duration 2s").replace("--warmup 10s", "--warmup 1s")


def main():
    binary, doc = os.path.abspath(sys.argv[1]), sys.argv[2]
    with open(doc, encoding="utf-8") as f:
        found = blocks(f.read())
    if len(found) != 3:
        fail(f"docs/ci.md should hold 3 yaml blocks (GitHub, staging.yaml, GitLab), holds {len(found)}")
    github, staging, gitlab = (yaml.safe_load(block) for block in found)
    work = tempfile.mkdtemp(prefix="ci-doc-")
    os.makedirs(os.path.join(work, "bin"))
    os.symlink(binary, os.path.join(work, "bin", "harness"))
    log_path = os.path.join(work, "mock.log")
    mock = subprocess.Popen([binary, "mock", "--port", "0"], stdout=open(log_path, "w"), stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        run_pipelines(work, log_path, mock, staging, github_steps(github), gitlab_steps(gitlab))
    finally:
        if mock.poll() is None:
            os.killpg(mock.pid, signal.SIGTERM)
            mock.wait(10)
        shutil.rmtree(work, ignore_errors=True)
    print("PASS")


def wait_for_url(log_path, mock):
    for _ in range(400):
        match = re.search(r"listening on (\S+)", open(log_path).read())
        if match:
            return match.group(1)
        if mock.poll() is not None:
            break
        time.sleep(0.025)
    fail(f"the mock did not listen: {open(log_path).read()}")


def run_pipelines(work, log_path, mock, staging, github, gitlab):
    url = wait_for_url(log_path, mock)
    staging.update(url=url, project=BUILTIN["builtin_project"], conversation=BUILTIN["builtin_conversation"],
                   conversation_2=BUILTIN["builtin_conversation_2"], company=BUILTIN["builtin_company"])
    env = dict(os.environ, PATH=os.path.join(work, "bin") + os.pathsep + os.environ["PATH"],
               CDP_TOKEN=BUILTIN["builtin_token"], CDP_TOKEN_2=BUILTIN["builtin_token_2"],
               CDP_OTHER_PROJECT_TOKEN=BUILTIN["builtin_other_project_token"],
               CDP_EXPIRED_TOKEN=BUILTIN["builtin_expired_token"])
    for name, steps in (("github", github), ("gitlab", gitlab)):
        folder = os.path.join(work, name)
        os.makedirs(folder)
        with open(os.path.join(folder, "staging.yaml"), "w") as f:
            yaml.safe_dump(staging, f)
        env["GITHUB_STEP_SUMMARY"] = os.path.join(folder, "summary.md")
        for round_number in (1, 2):
            outputs = [run_step(folder, env, label, command, round_number) for label, command in steps]
            said = "\n".join(outputs)
            if round_number == 1 and "no baseline yet" not in said:
                fail(f"{name}: the first run did not keep its result as the baseline")
            if round_number == 2 and "no baseline yet" in said:
                fail(f"{name}: the second run found no baseline")
        if name == "github":
            summary = open(env["GITHUB_STEP_SUMMARY"], encoding="utf-8").read()
            for heading in ("## harness verify: ", "## harness load"):
                if heading not in summary:
                    fail(f"the job summary holds no '{heading}' section")
        if not any(f.endswith(".junit.xml") for f in os.listdir(os.path.join(folder, "reports"))):
            fail(f"{name}: no JUnit file in reports/")


def run_step(folder, env, label, command, round_number):
    result = subprocess.run(["bash", "-e", "-c", shortened(command)], cwd=folder, env=env, capture_output=True,
                            text=True, timeout=300)
    output = result.stdout + result.stderr
    comparing = "report compare" in command and round_number == 2
    allowed = (0, 1) if comparing else (0,)
    if result.returncode not in allowed:
        fail(f"round {round_number}, {label}: exit {result.returncode}, expected {allowed}\n{output}")
    if comparing and "baseline/load.json" not in output and "regress" not in output.lower():
        print(f"note: round {round_number}, {label} printed:\n{output}")
    return output


if __name__ == "__main__":
    main()
