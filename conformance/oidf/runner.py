"""The suite's run-test-plan.py, plus the one step it cannot take by itself.

oidcc-server-rotate-keys fetches the JWKS, waits for an operator to rotate the OP's signing keys,
then fetches it again. The suite's runner starts that second half at once, so the module always
fails when automated. This wrapper does what the operator would: before the runner starts a
module by hand (it does so only for that one), it runs $OIDF_ROTATE_KEYS (Portcullis's own
`admin keys rotate`, as run.sh sets it) and waits until the running server publishes the new keys.

fapi2-security-profile-final-user-rejects-authentication needs the consent page, on which the
person denies; Portcullis remembers consent, and the happy flow before it has given it. Before
creating that module, the wrapper runs $OIDF_FORGET_CONSENT (as run.sh sets it: what a person does
by disconnecting the app from their account), so the consent page is shown again.
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

created = conformance.Conformance.create_test_from_plan_with_variant
FORGET_CONSENT_BEFORE = {"fapi2-security-profile-final-user-rejects-authentication"}


async def create_test_from_plan_with_variant(self, plan_id, test_name, variant):
    if test_name in FORGET_CONSENT_BEFORE:
        subprocess.run(os.environ["OIDF_FORGET_CONSENT"], shell=True, check=True)
    return await created(self, plan_id, test_name, variant)


conformance.Conformance.create_test_from_plan_with_variant = create_test_from_plan_with_variant
sys.argv = ["run-test-plan.py"] + sys.argv[1:]
runpy.run_path("run-test-plan.py", run_name="__main__")
