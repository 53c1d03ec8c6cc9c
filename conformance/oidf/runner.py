"""The suite's run-test-plan.py, plus the one step it cannot take by itself.

oidcc-server-rotate-keys fetches the JWKS, waits for an operator to rotate the OP's signing keys,
then fetches it again. The suite's runner starts that second half at once, so the module always
fails when automated. This wrapper does what the operator would: before the runner starts a
module by hand (it does so only for that one), it runs $OIDF_ROTATE_KEYS (Portcullis's own
`admin keys rotate`, as run.sh sets it) and waits until the running server publishes the new keys.
Run it from the suite's scripts/ directory, with run-test-plan.py's arguments.
"""
import os
import runpy
import subprocess
import sys
import time

sys.path.insert(0, os.getcwd())
import conformance  # noqa: E402  (the suite's client, found through the path above)

started = conformance.Conformance.start_test


async def start_test(self, module_id):
    subprocess.run(os.environ["OIDF_ROTATE_KEYS"], shell=True, check=True)
    time.sleep(2)  # running instances reread the keys every second
    return await started(self, module_id)


conformance.Conformance.start_test = start_test
sys.argv = ["run-test-plan.py"] + sys.argv[1:]
runpy.run_path("run-test-plan.py", run_name="__main__")
